"""The only way anything writes: one module per area.

Each public function takes the :class:`~aitown.db.Database` and the acting user
(:class:`~aitown.services.actor.Actor`), checks the user's right, validates, writes, records the
audit event in the same transaction and commits; or changes nothing and raises a
:class:`~aitown.errors.DeskError` whose message a person can read.
"""

from aitown.services.actor import Actor

__all__ = ["Actor"]
