"""Production settings plus one bare view (``/bench-bare/``), for bench/http_load.py only: the
reference a page's req/s is measured against, served by the same gunicorn with the same
middleware. Never used by the portal itself."""
from jippnas.settings.production import *

ROOT_URLCONF = "bench.bare_urls"
