"""Named signals of the actions core, for the parts that build on it.

* ``action_text_changed(action)``: an action was created or its text or status changed and
  the lexical overlap index was updated (``actieplan.actions.services``); overlap detection
  (``overlap``) recomputes the action's embedding when its transaction commits.
"""

from django.dispatch import Signal

action_text_changed = Signal()
