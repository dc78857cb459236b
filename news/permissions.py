"""An admin permission policy for rows other systems write (partner items by fetching,
fediverse followers by other servers): editors keep the model permissions they have,
except the actions named here."""

from wagtail.permission_policies import ModelPermissionPolicy


class ActionsRefused(ModelPermissionPolicy):
    """Wagtail's model permissions without `refused` (say, "add": rows come from elsewhere)."""

    def __init__(self, model, *, refused: frozenset[str]):
        super().__init__(model)
        self.refused = refused

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
