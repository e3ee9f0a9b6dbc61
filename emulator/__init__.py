"""A local Telegram Bot API emulator that the real python-telegram-bot client talks to."""

from emulator.model import Call, EmuChat, EmuUser, Fault, StoredMessage
from emulator.server import BotApiEmulator

__all__ = ["BotApiEmulator", "Call", "EmuChat", "EmuUser", "Fault", "StoredMessage"]
