"""Support circles: a group's anonymous daily check-in, counts only (issue 13, parts 1, 2 and 5)."""

from bot.circles.model import CirclePost, CirclePoster, PressReply, SetupReply
from bot.circles.service import CircleService

__all__ = ["CirclePost", "CirclePoster", "CircleService", "PressReply", "SetupReply"]
