"""Fiverr customer-support knowledge as typed, immutable data.

Importing the package is cheap: apart from the exceptions, every public name is imported on
first use (PEP 562), so an app pays for ``attrs``, ``cattrs``, ``decimal`` and the data files only
when it uses something that needs them.

>>> import fiverr_support_kb as kb
>>> kb.is_official("Fiverr-Care")
True
>>> str(kb.compute_order_split("5").seller_net)
'4.00'
"""

import gc

from fiverr_support_kb.errors import (
    FeeTypeError,
    FiverrSupportKBError,
    InvalidAmountError,
    InvalidFeeScheduleError,
    InvalidOrderStatusError,
    InvalidRoundingError,
    KnowledgeBaseError,
    NoPriceFitsError,
    UnknownFaqEntryError,
    UnknownFeeScheduleError,
    UnsupportedLanguageError,
)

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
    from fiverr_support_kb.faq import SearchHit
    from fiverr_support_kb.fees import (
        MAX_AMOUNT,
        OrderSplit,
        compute_order_split,
        max_price_for_budget,
        price_for_seller_net,
    )
    from fiverr_support_kb.knowledge_base import KnowledgeBase, default_kb, load_kb, search
    from fiverr_support_kb.ledger import Order, OrderStatus, OrderSummary, summarize_orders
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
        FeeSchedule,
        FeeTier,
        fee_schedule,
        fee_schedules,
    )

__all__ = [
    "DEFAULT_SCHEDULE",
    "LANGUAGES",
    "MAX_AMOUNT",
    "SOURCE_LANGUAGE",
    "Channel",
    "ChannelKind",
    "Company",
    "FaqEntry",
    "FeeSchedule",
    "FeeTier",
    "FeeTypeError",
    "FiverrSupportKBError",
    "InvalidAmountError",
    "InvalidFeeScheduleError",
    "InvalidOrderStatusError",
    "InvalidRoundingError",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "LocalizedTerms",
    "LocalizedText",
    "NoPriceFitsError",
    "OfficialAccount",
    "Order",
    "OrderSplit",
    "OrderStatus",
    "OrderSummary",
    "Provenance",
    "Reason",
    "SearchHit",
    "SocialNetwork",
    "UnknownFaqEntryError",
    "UnknownFeeScheduleError",
    "UnsupportedLanguageError",
    "UsernameAssessment",
    "Verdict",
    "assess_username",
    "compute_order_split",
    "default_kb",
    "fee_schedule",
    "fee_schedules",
    "is_official",
    "load_kb",
    "max_price_for_budget",
    "normalize_language",
    "price_for_seller_net",
    "search",
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
    **dict.fromkeys(("KnowledgeBase", "default_kb", "load_kb", "search"), "knowledge_base"),
    "SearchHit": "faq",
    **dict.fromkeys(
        ("Reason", "UsernameAssessment", "Verdict", "assess_username", "is_official"),
        "accounts",
    ),
    **dict.fromkeys(
        ("DEFAULT_SCHEDULE", "FeeSchedule", "FeeTier", "fee_schedule", "fee_schedules"),
        "schedules",
    ),
    **dict.fromkeys(
        (
            "MAX_AMOUNT",
            "OrderSplit",
            "compute_order_split",
            "max_price_for_budget",
            "price_for_seller_net",
        ),
        "fees",
    ),
    **dict.fromkeys(("Order", "OrderStatus", "OrderSummary", "summarize_orders"), "ledger"),
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
