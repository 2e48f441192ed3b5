"""Feedback (phản ánh) about the conduct of a unit or a member in the campaign: sent by anyone,
signed in or through the public form; received by the inspection commission of the level
that oversees the unit concerned (orgs.scope.feedback_route), never by the unit itself."""
