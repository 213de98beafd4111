"""One router per resource; ``api.views`` mounts them in this order, which is the order of
the paths in the OpenAPI schema."""
from . import agencies, hubs, innovations, pkri, replications

ROUTERS = [innovations.router, hubs.router, agencies.router, replications.router, pkri.router]
