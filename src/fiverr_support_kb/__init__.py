"""Fiverr customer-support knowledge as typed, immutable data.

Importing the package is cheap: apart from the exceptions, every public name is imported on
first use (PEP 562), so an app pays for ``attrs``, ``cattrs``, ``decimal`` and the data files only
when it uses something that needs them.

>>> import fiverr_support_kb as kb
>>> kb.is_official("Fiverr-Care")
True
>>> str(kb.compute_order_split("5").seller_net)
'4.00'
>>> kb.assess_contact("support@fiverr.com").verdict.value
'official'
"""

import gc

from fiverr_support_kb.errors import (
    ArgumentTypeError,
    ExportError,
    FeeTypeError,
    FiverrSupportKBError,
    InvalidAmountError,
    InvalidArgumentError,
    InvalidDateError,
    InvalidFeeScheduleError,
    InvalidOrderStatusError,
    InvalidRoundingError,
    KnowledgeBaseError,
    NoPriceFitsError,
    NoScheduleOnDateError,
    UnknownChannelError,
    UnknownFaqEntryError,
    UnknownFeeScheduleError,
    UnsupportedLanguageError,
)

#: The package version: the single source hatch reads (``[tool.hatch.version]``), so that
#: knowing it costs no ``importlib.metadata`` look-up at import time.
__version__ = "0.2.0.dev0"

# Not `from typing import TYPE_CHECKING`: importing `typing` alone costs more than this package.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from fiverr_support_kb.accounts import (
        Reason,
        UsernameAssessment,
        Verdict,
        assess_username,
        is_official,
    )
    from fiverr_support_kb.exports import parse_amount, split_csv
    from fiverr_support_kb.faq import Answer, Outcome, SearchHit
    from fiverr_support_kb.fees import (
        MAX_AMOUNT,
        OrderSplit,
        Payment,
        PaymentKind,
        PaymentsSplit,
        compute_order_split,
        max_price_for_budget,
        price_for_seller_net,
        split_payments,
    )
    from fiverr_support_kb.knowledge_base import (
        KnowledgeBase,
        answer,
        default_kb,
        load_kb,
        search,
    )
    from fiverr_support_kb.ledger import (
        BY_DATE,
        Order,
        OrderStatus,
        OrderSummary,
        clears_on,
        summarize_orders,
    )
    from fiverr_support_kb.models import (
        LANGUAGES,
        SOURCE_LANGUAGE,
        Channel,
        ChannelKind,
        Company,
        FaqEntry,
        LocalizedTerms,
        LocalizedText,
        OfficialAccount,
        Provenance,
        SocialNetwork,
        normalize_language,
    )
    from fiverr_support_kb.schedules import (
        DEFAULT_SCHEDULE,
        ClearanceRule,
        Evidence,
        FeeHistory,
        FeePeriod,
        FeeSchedule,
        FeeTier,
        Source,
        fee_history,
        fee_schedule,
        fee_schedule_on,
        fee_schedules,
        load_fee_history,
    )
    from fiverr_support_kb.trust import (
        ContactAssessment,
        ContactKind,
        ContactVerdict,
        FoundContact,
        MessageAssessment,
        MessageVerdict,
        RuleSource,
        RuleWeight,
        TrustReason,
        TrustRules,
        assess_contact,
        assess_message,
        load_trust_rules,
    )

__all__ = [
    "BY_DATE",
    "DEFAULT_SCHEDULE",
    "LANGUAGES",
    "MAX_AMOUNT",
    "SOURCE_LANGUAGE",
    "Answer",
    "ArgumentTypeError",
    "Channel",
    "ChannelKind",
    "ClearanceRule",
    "Company",
    "ContactAssessment",
    "ContactKind",
    "ContactVerdict",
    "Evidence",
    "ExportError",
    "FaqEntry",
    "FeeHistory",
    "FeePeriod",
    "FeeSchedule",
    "FeeTier",
    "FeeTypeError",
    "FiverrSupportKBError",
    "FoundContact",
    "InvalidAmountError",
    "InvalidArgumentError",
    "InvalidDateError",
    "InvalidFeeScheduleError",
    "InvalidOrderStatusError",
    "InvalidRoundingError",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "LocalizedTerms",
    "LocalizedText",
    "MessageAssessment",
    "MessageVerdict",
    "NoPriceFitsError",
    "NoScheduleOnDateError",
    "OfficialAccount",
    "Order",
    "OrderSplit",
    "OrderStatus",
    "OrderSummary",
    "Outcome",
    "Payment",
    "PaymentKind",
    "PaymentsSplit",
    "Provenance",
    "Reason",
    "RuleSource",
    "RuleWeight",
    "SearchHit",
    "SocialNetwork",
    "Source",
    "TrustReason",
    "TrustRules",
    "UnknownChannelError",
    "UnknownFaqEntryError",
    "UnknownFeeScheduleError",
    "UnsupportedLanguageError",
    "UsernameAssessment",
    "Verdict",
    "answer",
    "assess_contact",
    "assess_message",
    "assess_username",
    "clears_on",
    "compute_order_split",
    "default_kb",
    "fee_history",
    "fee_schedule",
    "fee_schedule_on",
    "fee_schedules",
    "is_official",
    "load_fee_history",
    "load_kb",
    "load_trust_rules",
    "max_price_for_budget",
    "normalize_language",
    "parse_amount",
    "price_for_seller_net",
    "search",
    "split_csv",
    "split_payments",
    "summarize_orders",
]

# Public name -> the module that defines it, imported on first access.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        (
            "LANGUAGES",
            "SOURCE_LANGUAGE",
            "Channel",
            "ChannelKind",
            "Company",
            "FaqEntry",
            "LocalizedTerms",
            "LocalizedText",
            "OfficialAccount",
            "Provenance",
            "SocialNetwork",
            "normalize_language",
        ),
        "models",
    ),
    **dict.fromkeys(
        ("KnowledgeBase", "answer", "default_kb", "load_kb", "search"), "knowledge_base"
    ),
    **dict.fromkeys(("Answer", "Outcome", "SearchHit"), "faq"),
    "split_csv": "exports",
    **dict.fromkeys(
        ("Reason", "UsernameAssessment", "Verdict", "assess_username", "is_official"),
        "accounts",
    ),
    **dict.fromkeys(
        (
            "DEFAULT_SCHEDULE",
            "ClearanceRule",
            "Evidence",
            "FeeHistory",
            "FeePeriod",
            "FeeSchedule",
            "FeeTier",
            "Source",
            "fee_history",
            "fee_schedule",
            "fee_schedule_on",
            "fee_schedules",
            "load_fee_history",
        ),
        "schedules",
    ),
    **dict.fromkeys(
        (
            "MAX_AMOUNT",
            "OrderSplit",
            "Payment",
            "PaymentKind",
            "PaymentsSplit",
            "compute_order_split",
            "max_price_for_budget",
            "price_for_seller_net",
            "split_payments",
        ),
        "fees",
    ),
    **dict.fromkeys(
        ("BY_DATE", "Order", "OrderStatus", "OrderSummary", "clears_on", "summarize_orders"),
        "ledger",
    ),
    "parse_amount": "exports",
    **dict.fromkeys(
        (
            "ContactAssessment",
            "ContactKind",
            "ContactVerdict",
            "FoundContact",
            "MessageAssessment",
            "MessageVerdict",
            "RuleSource",
            "RuleWeight",
            "TrustReason",
            "TrustRules",
            "assess_contact",
            "assess_message",
            "load_trust_rules",
        ),
        "trust",
    ),
}


def __getattr__(name: str) -> object:
    """Import the module behind a public name on first access (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    enabled = gc.isenabled()
    gc.disable()  # importing builds classes and tables: nothing for the collector to free
    try:
        # __import__ rather than importlib.import_module: importing importlib costs a cold
        # start more than this package's own __init__.
        value = getattr(__import__(f"{__name__}.{module}", fromlist=["_"]), name)
    finally:
        if enabled:
            gc.enable()
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the public names, including the ones not imported yet."""
    return sorted({*globals(), *__all__})
