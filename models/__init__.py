"""The data model, one module per aggregate; importing this package registers every table."""
from models.campaign import (Campaign, CampaignStatus, Demand, LetterTemplate, PersonAtRisk, Target,
                             TargetKind, normalise_ua_number, slug_for_ua_number)
from models.letter import (COUNTED_STATES, Action, Channel, Letter, LetterCount, LetterState,
                           Supporter)
from models.organiser import Organiser
from models.outbox import OutboxMessage, OutboxStatus
from models.update import CaseUpdate, Subscription, SubscriptionStatus, UpdateKind

__all__ = [
    "Action", "COUNTED_STATES", "Campaign", "CampaignStatus", "CaseUpdate", "Channel", "Demand",
    "Letter", "LetterCount", "LetterState", "LetterTemplate", "Organiser", "OutboxMessage",
    "OutboxStatus", "PersonAtRisk", "Subscription", "SubscriptionStatus", "Supporter", "Target",
    "TargetKind", "UpdateKind", "normalise_ua_number", "slug_for_ua_number",
]
