"""Help rooms: a private room with volunteer helpers, inside a circle (issue 14)."""

from bot.rooms.asking import RoomAsking
from bot.rooms.model import Card, Note, Outcome, RoomPlace, RoomsBusy
from bot.rooms.pump import RoomPump
from bot.rooms.service import RoomService

__all__ = ["Card", "Note", "Outcome", "RoomAsking", "RoomPlace", "RoomPump", "RoomService", "RoomsBusy"]
