"""Assemble the domain services over one database, for any channel."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from bot.categories import CategoryList
from bot.config import Settings
from bot.deadlines import DeadlinePolicy
from bot.deps import Deps
from bot.desk import AdminDesk, CitizenDesk, OfficerDesk
from bot.faq.admin import FaqAdmin
from bot.faq.desk import FaqDesk
from bot.faq.live import LiveFaq, SemanticBuilder
from bot.intake import IntakeService
from bot.outbox import Clock, Outbox
from bot.relay import RelayService
from bot.tickets import TicketService
from bot.views import ViewService
from bot.wards import WardDirectory
from storage.chats import ChatStates, MessageLinks, WardBindings
from storage.database import Database
from storage.faq import FaqRepository
from storage.inbox import InboxRepository
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository


@dataclass(frozen=True, slots=True)
class Content:
    """Reference data loaded from the content directory."""

    wards: WardDirectory
    categories: CategoryList
    deadlines: DeadlinePolicy


def load_content(settings: Settings) -> Content:
    """Load and validate content files; raise ContentError naming the file on bad input."""
    folder = settings.content_dir
    return Content(
        wards=WardDirectory.from_file(folder / "wards.toml"),
        categories=CategoryList.from_file(folder / "categories.toml"),
        deadlines=DeadlinePolicy.from_file(folder / "deadlines.toml"),
    )


@dataclass(frozen=True, slots=True)
class Services:
    """The domain, ready to use: what channel handlers call."""

    settings: Settings
    deps: Deps
    tickets: TicketService
    views: ViewService
    intake: IntakeService
    citizens: CitizenDesk
    officers: OfficerDesk
    admins: AdminDesk
    faq: FaqDesk
    faq_admin: FaqAdmin
    live_faq: LiveFaq
    outbox_ready: asyncio.Event
    inbox_ready: asyncio.Event

    @property
    def db(self) -> Database:
        """Return the database."""
        return self.deps.db

    async def start(self) -> None:
        """Load what must be in memory before the first update: the live FAQ."""
        async with self.db.transaction():
            await self.live_faq.start(self.settings.content_dir / "faq", self.deps.clock())

    async def close(self) -> None:
        """Stop background FAQ work and close the database."""
        await self.live_faq.close()
        await self.deps.db.close()


async def open_services(settings: Settings, clock: Clock = time.time) -> Services:
    """Load content, open the database and wire the domain services."""
    content = load_content(settings)
    db = await Database.open(settings.db_path)
    outbox_ready, inbox_ready = asyncio.Event(), asyncio.Event()
    outbox_repo = OutboxRepository(db)
    deps = Deps(
        db=db,
        tickets=TicketRepository(db),
        links=MessageLinks(db),
        bindings=WardBindings(db),
        states=ChatStates(db),
        inbox=InboxRepository(db),
        outbox_repo=outbox_repo,
        outbox=Outbox(outbox_repo, clock, outbox_ready.set),
        wards=content.wards,
        categories=content.categories,
        deadlines=content.deadlines,
        clock=clock,
        admin_ids=settings.admin_ids,
        faq=FaqRepository(db),
    )
    tickets = TicketService(deps)
    views = ViewService(deps)
    live_faq = LiveFaq(deps.faq, _semantic(settings))
    faq_admin = FaqAdmin(deps, live_faq, deps.faq)
    relay = RelayService(deps, tickets, faq_admin)
    intake = IntakeService(deps, tickets)
    faq = FaqDesk(deps, live_faq, deps.faq, intake)
    return Services(
        settings=settings,
        deps=deps,
        tickets=tickets,
        views=views,
        intake=intake,
        citizens=CitizenDesk(deps, intake, relay, faq),
        faq=faq,
        faq_admin=faq_admin,
        live_faq=live_faq,
        officers=OfficerDesk(deps, tickets, relay, views),
        admins=AdminDesk(deps, tickets, views),
        outbox_ready=outbox_ready,
        inbox_ready=inbox_ready,
    )


def _semantic(settings: Settings) -> SemanticBuilder | None:
    """Return the FAQ's semantic stage if the settings turn it on (its cache beside the db)."""
    if not settings.faq_semantic:
        return None
    from bot.faq.semantic import semantic_stage  # loads the model: only when asked for

    return semantic_stage(settings.db_path.parent / "faq-embeddings.bin")
