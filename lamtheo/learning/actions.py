"""The learning app keeps its action codes beside each part (study/, meetings/, stories/);
this module gathers them where core.audit.declared_actions looks for an app's codes."""

from __future__ import annotations

from lamtheo.learning.meetings.actions import MeetingAction
from lamtheo.learning.stories.actions import StoryAction
from lamtheo.learning.study.actions import StudyAction

__all__ = ["MeetingAction", "StoryAction", "StudyAction"]
