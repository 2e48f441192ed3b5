"""The learning app's models live in its three parts (study/, meetings/, stories/); importing
them here is how Django finds them. Import a model from its part, not from here."""

import lamtheo.learning.meetings.models  # noqa: F401
import lamtheo.learning.stories.models  # noqa: F401
import lamtheo.learning.study.models  # noqa: F401
