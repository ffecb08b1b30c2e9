"""The data model, one module per aggregate; importing this package registers every table."""
from models.campaign import (Campaign, CampaignStatus, CampaignTheme, CaseOutcome, Demand, DemandWording, Greeting,
                             LetterVersion, PersonAtRisk, Target, TargetKind, normalise_ua_number, slug_for_ua_number)
from models.letter import (COUNTED_STATES, Action, Channel, Letter, LetterCount, LetterState,
                           Supporter)
from models.organiser import Organiser, Role
from models.group import MAX_WRITERS, Event, EventCase, EventLetters, Group
from models.job import Job, JobStatus
from models.outbox import BouncingAddress, OutboxMessage, OutboxStatus
from models.update import CaseUpdate, Subscription, SubscriptionStatus, UpdateCorrection, UpdateKind
from models.audit import AuditEntry
from models.blocking import BlockedSender, BlockKind
from models.reply import Reply, ReplyChannel
from models.link import EmailLink, LinkPurpose
from models.api_token import ApiScope, ApiToken
from models.webhook import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from models.widget import WidgetSiteCount

__all__ = [
    "Action", "BouncingAddress", "COUNTED_STATES", "Job", "JobStatus", "Campaign", "CampaignStatus", "CampaignTheme",
    "CaseUpdate",
    "Channel", "Demand",
    "DemandWording", "Greeting", "Letter", "LetterCount", "LetterState", "LetterVersion", "Organiser", "OutboxMessage",
    "OutboxStatus", "PersonAtRisk", "Subscription", "SubscriptionStatus", "Supporter", "Target",
    "TargetKind", "UpdateCorrection", "UpdateKind", "normalise_ua_number", "slug_for_ua_number",
    "AuditEntry", "CaseOutcome", "Reply", "ReplyChannel", "BlockedSender", "BlockKind", "EmailLink", "LinkPurpose",
    "Event", "EventCase", "EventLetters", "Group", "MAX_WRITERS", "Role", "ApiScope", "ApiToken",
    "DeliveryStatus", "WebhookDelivery", "WebhookEndpoint", "WidgetSiteCount",
]
