"""Study of the topic, cell meetings and the story library (one module each)."""

from lamtheo.learning.models.meetings import *  # noqa: F401,F403
from lamtheo.learning.models.stories import *  # noqa: F401,F403
from lamtheo.learning.models.study import *  # noqa: F401,F403
