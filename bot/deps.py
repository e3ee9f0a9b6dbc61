"""What domain services share: repositories, reference data, the clock and the outbox."""

from __future__ import annotations

from dataclasses import dataclass

from bot.categories import CategoryList
from bot.deadlines import DeadlinePolicy
from bot.messages import Outgoing
from bot.outbox import Clock, Outbox
from bot.routing import LiveRoutes
from bot.wards import WardDirectory
from storage.chats import ChatStates, MessageLinks
from storage.database import Database
from storage.faq import FaqRepository
from storage.followers import FollowersRepository
from storage.inbox import InboxRepository
from storage.outbox import OutboxRepository
from storage.routes import OfficersRepository
from storage.tickets import TicketRepository, TicketRow


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did something: a citizen, an officer, an admin or the system."""

    role: str
    id: int | None
    name: str | None


CITIZEN = Actor("citizen", None, None)  # a citizen's name is on the ticket, not in its history


@dataclass(frozen=True, slots=True)
class Deps:
    """Shared collaborators of the domain services."""

    db: Database
    tickets: TicketRepository
    links: MessageLinks
    routes: LiveRoutes
    officers: OfficersRepository
    states: ChatStates
    inbox: InboxRepository
    outbox_repo: OutboxRepository
    outbox: Outbox
    wards: WardDirectory
    categories: CategoryList
    deadlines: DeadlinePolicy
    clock: Clock
    admin_ids: frozenset[int]
    faq: FaqRepository
    followers: FollowersRepository

    async def record(
        self, ticket_id: int, actor: Actor, action: str, detail: str | None = None
    ) -> int:
        """Append one entry to a ticket's history, stamped now; return its id."""
        return await self.tickets.add_event(
            ticket_id,
            self.clock(),
            actor.role,
            action,
            actor_id=actor.id,
            actor_name=actor.name,
            detail=detail,
        )

    async def citizens_of(self, ticket: TicketRow) -> list[int]:
        """Return the chats told about a ticket: its citizen's, then its followers'."""
        return [ticket.citizen_chat_id, *await self.followers.of_ticket(ticket.id)]

    async def tell_citizens(self, ticket: TicketRow, message: Outgoing) -> None:
        """Send a notice about a ticket to its citizen and to everyone following it."""
        for chat in await self.citizens_of(ticket):
            await self.outbox.send(chat, message, ticket_id=ticket.id, link="status")

    def ward_name(self, code: str) -> str:
        """Return a ward's display name (its code if the ward left the served list)."""
        return self.wards.name_of(code)

    def category_name(self, category_id: str) -> str:
        """Return a category's display name."""
        return self.categories.name_of(category_id)
