"""Named signals of the actions core, for the parts that build on it.

* ``action_text_changed(action)``: an action was created or its text or status changed and
  the lexical overlap index was updated (``actieplan.actions.services``); overlap detection
  (``overlap``) recomputes the action's embedding when its transaction commits.
* ``action_transitioned(change_id)`` and ``signoff_reset(signoff_id)``: sent after the commit;
  monitoring turns them into notifications (e-mail and the recipient's log).
"""

from django.dispatch import Signal

action_text_changed = Signal()

#: ``action_transitioned(change_id)``: a status change was committed (``actieplan.notifications``);
#: monitoring notifies the people concerned of a decision through the reminders' sent log.
action_transitioned = Signal()
#: ``action_changed(action, user, what)``: an action's fields were saved (``action_update``); the plan
#: resets the sign-offs of the plans holding it (connected in ``ActieplanConfig.ready()``).
action_changed = Signal()
#: ``plan_finalised(version)``: a plan became final and its version was frozen (``plan_finalise``);
#: monitoring captures the adopted baselines.
plan_finalised = Signal()
#: ``signoff_reset(signoff_id)``: a domain's signature of the plan went back to pending (committed).
signoff_reset = Signal()
