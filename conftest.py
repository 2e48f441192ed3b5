# The shared fixtures live in lamtheo/conftest.py; tests/ outside the package use them too.
from lamtheo.conftest import login, tree  # noqa: F401
