# The shared fixtures live in lamtheo/conftest.py; tests/ outside the package use them too.
import pytest  # noqa: E402

from lamtheo.conftest import login, tree  # noqa: F401


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs about a second per account on a busy 2-core machine; tests don't
    # need its strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_uploads_in_a_temporary_folder(settings, tmp_path_factory):
    # Uploaded files from tests never land in the project's var/uploads.
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("uploads")
