"""Assemble the domain services over one database, for any channel."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from bot.binding import BindingDesk
from bot.broadcast import Broadcaster
from bot.bulletin_desk import BulletinDesk
from bot.bulletins import Audiences
from bot.categories import CategoryList
from bot.clocks import ClockService
from bot.config import Settings
from bot.deadline_file import load_policy
from bot.deadlines import DeadlinePolicy
from bot.deps import Deps
from bot.desk import AdminDesk, CitizenDesk
from bot.faq.admin import FaqAdmin
from bot.faq.ahead import ReadAhead
from bot.faq.desk import FaqDesk
from bot.faq.live import LiveFaq, SemanticBuilder
from bot.hot.alerts import HotIssues
from bot.hot.merge import MergeService
from bot.hot.offers import SimilarOffers
from bot.intake import IntakeService
from bot.officer_desk import OfficerDesk
from bot.outbox import Clock, Outbox
from bot.relay import RelayService
from bot.reminders import ReminderService
from bot.reports.builder import ReportBuilder
from bot.reports.bulletins import StoredBulletins
from bot.reports.desk import ReportDesk
from bot.route_defaults import load_default_routes
from bot.routing import LiveRoutes
from bot.schedule import ScheduleDesk
from bot.subscriptions import SubscriptionDesk
from bot.tickets import TicketService
from bot.transfers import TransferService
from bot.views import ViewService
from bot.wards import WardDirectory
from storage.bulletins import BulletinRepository
from storage.chats import ChatStates, MessageLinks
from storage.database import Database
from storage.faq import FaqRepository
from storage.followers import FollowersRepository
from storage.hot import HotIssuesRepository
from storage.inbox import InboxRepository
from storage.outbox import OutboxRepository
from storage.reminders import RemindersRepository
from storage.reports import ReportRepository
from storage.routes import OfficersRepository, RouteRow, RoutesRepository
from storage.schedules import ScheduleRepository
from storage.subscriptions import SubscriptionRepository
from storage.tickets import TicketRepository


@dataclass(frozen=True, slots=True)
class Content:
    """Reference data loaded from the content directory."""

    wards: WardDirectory
    categories: CategoryList
    deadlines: DeadlinePolicy
    routes: list[RouteRow]  # defaults, seeded into an empty routing table


def load_content(settings: Settings) -> Content:
    """Load and validate content files; raise ContentError naming the file on bad input."""
    folder = settings.content_dir
    wards = WardDirectory.from_file(folder / "wards.toml")
    wards.warm()
    categories = CategoryList.from_file(folder / "categories.toml")
    return Content(
        wards=wards,
        categories=categories,
        deadlines=load_policy(folder / "deadlines.toml"),
        routes=load_default_routes(folder / "routes.toml", wards, categories),
    )


@dataclass(frozen=True, slots=True)
class Services:
    """The domain, ready to use: what channel handlers call."""

    settings: Settings
    content: Content
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
    reminders: ReminderService
    merges: MergeService
    reports: ReportDesk
    subscriptions: SubscriptionDesk
    bulletins: BulletinDesk
    broadcaster: Broadcaster
    schedule: ScheduleDesk
    outbox_ready: asyncio.Event
    inbox_ready: asyncio.Event
    read_ahead: ReadAhead | None

    @property
    def db(self) -> Database:
        """Return the database."""
        return self.deps.db

    async def start(self) -> None:
        """Load what must be in memory before the first update: routing rules, the live FAQ."""
        deadlines = self.deps.deadlines
        deadlines.calendar.warm(
            datetime.fromtimestamp(self.deps.clock(), deadlines.timezone).date()
        )
        async with self.db.transaction():
            await self.deps.routes.load(self.content.routes, self.deps.clock())
            await self.live_faq.start(self.settings.content_dir / "faq", self.deps.clock())
        if self.read_ahead is not None:
            await self.read_ahead.start(self.live_faq.current.version)

    async def close(self) -> None:
        """Stop background FAQ work and close the database."""
        if self.read_ahead is not None:
            await self.read_ahead.close()
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
        routes=LiveRoutes(RoutesRepository(db), db),
        officers=OfficersRepository(db),
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
        followers=FollowersRepository(db),
    )
    hot = HotIssues(deps, HotIssuesRepository(db), settings.hot_window_days, settings.hot_threshold)
    tickets = TicketService(deps, hot)
    views = ViewService(deps)
    live_faq = LiveFaq(deps.faq, db, _semantic(settings))
    faq_admin = FaqAdmin(deps, live_faq, deps.faq)
    relay = RelayService(deps, tickets, faq_admin)
    intake = IntakeService(deps, tickets, SimilarOffers(deps, hot))
    read_ahead = _read_ahead(settings)
    faq = FaqDesk(deps, live_faq, deps.faq, intake, read_ahead)
    report_repo = ReportRepository(db)
    bulletins = StoredBulletins(BulletinRepository(db))
    builder = ReportBuilder(
        report_repo, content.wards, content.categories, content.deadlines.calendar,
        bulletins, lambda topic: live_faq.current.faq.topic_title(topic),
    )  # fmt: skip
    outreach = _outreach(deps, Audiences(content.wards, live_faq), settings.send_rate)
    schedule = outreach.schedule
    return Services(
        settings=settings,
        content=content,
        deps=deps,
        tickets=tickets,
        views=views,
        intake=intake,
        citizens=CitizenDesk(deps, intake, relay, faq, schedule),
        faq=faq,
        faq_admin=faq_admin,
        live_faq=live_faq,
        officers=OfficerDesk(
            deps, tickets, relay, views, TransferService(deps, tickets), ClockService(deps, tickets)
        ),
        admins=AdminDesk(deps, BindingDesk(deps, tickets), views),
        reminders=ReminderService(
            deps, RemindersRepository(db), settings.digest_time, settings.escalate_again_hours
        ),
        merges=MergeService(deps, tickets, hot),
        reports=ReportDesk(deps, builder, report_repo),
        subscriptions=outreach.subscriptions,
        bulletins=outreach.bulletins,
        broadcaster=outreach.broadcaster,
        schedule=schedule,
        outbox_ready=outbox_ready,
        inbox_ready=inbox_ready,
        read_ahead=read_ahead,
    )


def _read_ahead(settings: Settings) -> ReadAhead | None:
    """Return the FAQ worker when it is on (it reads the database, so not an in-memory one)."""
    on_disk = str(settings.db_path) != ":memory:"
    # With the semantic stage on, questions are embedded in a thread already.
    if settings.faq_worker and on_disk and not settings.faq_semantic:
        return ReadAhead(settings.db_path)
    return None


def _semantic(settings: Settings) -> SemanticBuilder | None:
    """Return the FAQ's semantic stage if the settings turn it on (its cache beside the db)."""
    if not settings.faq_semantic:
        return None
    from bot.faq.semantic import semantic_stage  # loads the model: only when asked for

    return semantic_stage(settings.db_path.parent / "faq-embeddings.bin")


class _Outreach(NamedTuple):
    subscriptions: SubscriptionDesk
    bulletins: BulletinDesk
    broadcaster: Broadcaster
    schedule: ScheduleDesk


def _outreach(deps: Deps, audiences: Audiences, send_rate: float) -> _Outreach:
    """Wire subscriptions, bulletins and reception schedules."""
    subscriptions, bulletins = SubscriptionRepository(deps.db), BulletinRepository(deps.db)
    broadcaster = Broadcaster(deps, audiences, subscriptions, bulletins, send_rate)
    return _Outreach(
        SubscriptionDesk(deps, subscriptions, audiences),
        BulletinDesk(deps, audiences, subscriptions, bulletins, broadcaster),
        broadcaster,
        ScheduleDesk(deps, ScheduleRepository(deps.db)),
    )
