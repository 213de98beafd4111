"""Read-only public JSON API (django-ninja) under /api/, with its OpenAPI schema at
/api/schema/ and Swagger docs at /api/dokumentasi/. See docs/api.md."""
