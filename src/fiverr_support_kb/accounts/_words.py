"""The words of the username checks: staff roles, trust words, the brand, account purposes.

Plain data, imported by :mod:`fiverr_support_kb.accounts._matcher` on first need: a name that
has neither the start of the brand nor anything near an official name never needs it. Every
word is compared by its key (:meth:`~fiverr_support_kb.accounts._confusables.Confusables.key`),
so case, accents and lookalike letters do not matter ("Ügyfélszolgálat" is "ugyfelszolgalat").
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["BRAND_SPELLINGS", "NAME_WORDS", "PURPOSE", "STAFF_WORDS", "TRUST_WORDS"]

#: The words that make a name pose as staff, with the brand.
STAFF_WORDS: Final = (
    # English
    "account", "accounts", "admin", "administration", "administrator", "admins", "agent", "agents",
    "alert", "alerts", "appeal", "appeals", "assist", "assistance", "assistant", "billing", "bot",
    "care", "center", "centre", "ceo", "community", "compliance", "contact", "crew", "customer",
    "customers", "desk", "dispute", "disputes", "help", "helpdesk", "helpline", "hotline", "hq",
    "info", "legal", "manager", "mod", "moderation", "moderator", "moderators", "mods", "notice",
    "notification", "notifications", "official", "officials", "ops", "payment", "payments",
    "payout", "payouts", "refund", "refunds", "rep", "representative", "resolution", "safety",
    "secure", "security", "service", "services", "staff", "support", "system", "team", "trust",
    "verification", "verified", "verify", "noreply", "donotreply", "fraud", "antifraud",
    "prevention", "finance", "financial", "withdrawal", "withdrawals", "quality", "assurance",
    "success", "ltd", "inc", "llc", "international", "corporate", "headquarters", "hr", "it",
    "tech", "technical", "escrow", "invoice", "invoices", "invoicing", "tax", "risk", "review",
    "reviews", "audit", "abuse", "report", "reports", "enforcement", "policy", "policies",
    "privacy", "dpo", "mailer", "noreplay", "notify", "notifier", "robot", "automated",
    "operations", "office", "department", "dept", "division", "unit", "board", "director",
    "executive", "employee", "employees", "seller", "sellers", "buyer", "buyers", "partner",
    "partners", "onboarding", "suspension", "suspended", "ban", "banned", "warning", "warnings",
    "postmaster", "webmaster", "root", "sysadmin", "engineering", "payroll", "accounting",
    "treasury", "cashier", "rewards", "bonus", "giveaway", "promotions", "kyc", "aml", "identity",
    "verifications", "authentication", "auth", "otp", "recovery", "unlock", "locked", "restricted",
    "restriction", "violation", "violations", "control", "kontrol", "kontrola", "kontrolle",
    "kontroll", "controle", "controllo", "tos", "terms", "helpcenter", "supportcenter",
    "servicedesk", "customerservice", "customersupport", "customercare", "clientservice",
    "clientsupport", "techsupport", "itsupport",
    # Hungarian, the article's language
    "adminisztrátor", "adminisztráció", "biztonság", "biztonsági", "csapat", "fizetés",
    "hivatalos", "kifizetés", "közösség", "segítség", "súgó", "számlázás", "támogatás",
    "ügyfélkapcsolat", "ügyfélszolgálat", "ügyintéző", "pénzügy", "pénzügyi", "pénzügyek",
    "ellenőrzés", "ellenőr", "csalás", "csalásmegelőzés", "megelőzés", "fiók", "fiókellenőrzés",
    "visszatérítés", "hitelesítés", "értesítés", "értesítések", "jogi", "osztály", "ügyfél",
    "ügyfelek", "panasz", "panaszok", "moderátor", "rendszer", "üzemeltetés", "vezetőség", "iroda",
    "központ", "ügyelet", "vita", "viták", "jóváhagyás", "tájékoztatás", "felhasználói",
    "szolgálat", "kapcsolat", "adatvédelem", "munkatárs", "munkatársak", "fiókkezelés",
    "fiókbiztonság", "panaszkezelés", "reklamáció", "vitarendezés", "ügyfélszolgálati",
    "hibabejelentés", "technikai", "műszaki", "rendszergazda", "értesítő", "figyelmeztetés",
    "fiókzárolás", "letiltás", "felfüggesztés", "ügyfélkapcsolatok", "számla", "számlák",
    "befizetés", "utalás", "visszafizetés", "azonosítás", "ellenőrző", "csapata", "támogató",
    "segítő", "üzemeltető", "kezelő",
    # Spanish and Portuguese
    "soporte", "ayuda", "atención", "cliente", "clientes", "seguridad", "pagos", "facturación",
    "verificación", "equipo", "oficial", "administración", "técnico", "servicio", "cuenta",
    "cuentas", "reembolso", "reembolsos", "suporte", "atendimento", "ajuda", "segurança",
    "pagamento", "pagamentos", "equipe", "verificação", "cobrança", "conta", "contas",
    "faturamento", "técnica", "serviço", "apoio", "atencion", "moderador", "administrador",
    "cobros", "disputas", "verificacao", "seguranca", "cobranca", "soporteTecnico", "ayudante",
    "asistencia", "usuarios", "suporteTecnico", "atendente",
    # German and Dutch
    "hilfe", "kundendienst", "kundenservice", "sicherheit", "zahlung", "zahlungen", "konto",
    "abrechnung", "verwaltung", "offiziell", "prüfung", "verifizierung", "kundenbetreuung",
    "rückerstattung", "hulp", "klantenservice", "ondersteuning", "beveiliging", "betalingen",
    "verificatie", "beheer", "kundensupport", "sicherheitsteam", "auszahlung", "auszahlungen",
    "rechnungen", "rechnung", "mitarbeiter", "betreuung", "kontosicherheit", "klantendienst",
    "beheerder", "officieel", "kundenkonto", "kundenservicecenter",
    # French and Italian
    "aide", "sécurité", "paiement", "paiements", "facturation", "équipe", "officiel",
    "vérification", "compte", "remboursement", "assistenza", "supporto", "aiuto", "sicurezza",
    "pagamenti", "fatturazione", "squadra", "ufficiale", "verifica", "clienti", "rimborso",
    "amministrazione", "servizio", "soutien", "moderateur", "administrateur", "litiges",
    "conformite", "clientele", "assistenzaclienti", "moderatore", "amministratore", "rimborsi",
    "controversie", "fatture",
    # Turkish and Polish
    "destek", "yardım", "güvenlik", "ödeme", "ödemeler", "müşteri", "hizmetleri", "hizmet", "ekip",
    "resmi", "hesap", "doğrulama", "yönetim", "iade", "pomoc", "wsparcie", "bezpieczeństwo",
    "płatności", "płatność", "zespół", "oficjalny", "obsługa", "klienta", "weryfikacja",
    "rozliczenia", "administracja", "zwrot", "yardim", "musteri", "guvenlik", "odeme", "yonetici",
    "dogrulama", "ekibi", "fatura", "hizmetler", "bezpieczenstwo", "platnosci", "obsluga",
    "zespol", "zwroty", "faktury",
    # Russian, transliterated and in Cyrillic
    "podderzhka", "sluzhba", "pomoshch", "bezopasnost", "oplata", "platezhi", "administratsiya",
    "proverka", "komanda", "ofitsialnyy", "поддержка", "служба", "помощь", "безопасность",
    "оплата", "платежи", "администрация", "проверка", "команда", "модератор", "официальный",
    "аккаунт", "возврат", "pomosch", "vozvrat", "ofitsialnyj", "sotrudnik", "tekhpodderzhka",
    "администратор", "сотрудник", "техподдержка", "безопасности", "поддержки", "клиентов",
    "служба_поддержки",
    # Arabic, transliterated and in Arabic script
    "musaada", "mosaada", "da3m", "daam", "idara", "idarah", "mushrif", "amn", "aman", "fawatir",
    "khidma", "khidmat", "rasmi", "دعم", "الدعم", "مساعدة", "إدارة", "الإدارة", "أمان", "مشرف",
    "رسمي", "daem", "musa3ada", "edara", "idarat", "moshref", "omala", "3omala", "daf3", "خدمة",
    "العملاء", "فريق", "المساعدة", "الأمان",
    # Indonesian, Hindi, Vietnamese, Chinese, Japanese, Korean, Greek
    "bantuan", "dukungan", "layanan", "pelanggan", "keamanan", "pembayaran", "sahayata", "madad",
    "seva", "sahayta", "hotro", "chamsockhachhang", "客服", "支持", "官方", "管理员", "安全",
    "サポート", "公式", "運営", "고객센터", "지원", "공식", "관리자", "υποστήριξη",
)  # fmt: skip

#: The brand in other scripts, as its users write it: each counts as the brand itself.
BRAND_SPELLINGS: Final = ("фиверр", "файвер", "файверр", "فايفر", "فيفر", "فايفير")

#: Words that make an official name look *more* official when added around it.
TRUST_WORDS: Final = (
    "real", "the", "true", "original", "new", "my", "its", "iam", "im", "by", "from", "of",
    "for", "and", "us", "inc", "com", "net", "org", "app", "online", "global", "main", "www",
)  # fmt: skip

#: What each account is for, in the words of its description and team (English and
#: Hungarian): the brand with one of them names that account ("fiverr_photography").
PURPOSE: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "editorial_video": (
        "video", "videos", "animation", "animations", "animated", "photo", "photos",
        "photography", "photographer", "voiceover", "voiceovers", "motion", "film", "films",
        "videography", "reel", "reels", "videó", "animáció", "fotó", "fotózás", "fényképezés",
        "filmmaking", "cinematography", "motiongraphics", "vfx", "footage", "clips", "camera",
        "explainer", "explainers", "animator", "animators", "photographers", "voiceartist",
        "voiceartists", "voicetalent", "videoproduction", "mozgókép", "hangalámondás",
    ),
    "pro_acquisition": (
        "acquisition", "acquisitions", "proonboarding", "prorecruiting", "prorecruitment",
        "protalent", "protalents", "recruiting", "recruitment", "recruiter", "recruiters",
        "talent", "talents", "sourcing", "provetting", "toborzás", "akvizíció", "pro",
        "proteam", "prosellers", "proseller", "proexperts", "headhunting", "headhunter",
        "hiring", "vetting", "partnerships", "tehetség", "tehetségek",
    ),
    "editors_picks": (
        "editorial", "editorials", "editor", "editors", "choice", "choices", "picks", "pick",
        "staffpicks", "curated", "curation", "featured", "spotlight", "highlights", "curator",
        "curators", "toppicks", "bestof", "showcase", "selection", "selected", "recommended",
        "recommends", "favorites", "favourites", "ajánló", "ajánlott",
        "szerkesztő", "szerkesztőség", "válogatás", "kiemelt",
    ),
    "Fiverr_365": (
        "calendar", "calendars", "annual", "yearly", "yearround", "allyear", "365days", "daily",
        "everyday", "yearbook",
        "naptár", "éves",
    ),
    "Fiverr-Care": (
        "care", "customercare", "customerrelations", "relations", "carecenter", "careteam",
        "customerexperience", "cx", "happiness", "customerhappiness", "clientrelations",
        "ügyfélélmény",
        "ügyfélkapcsolat", "ügyfélkapcsolati", "ügyfélkapcsolatok",
    ),
    "FiverrCustVoice": (
        "custvoice", "customervoice", "voiceofcustomer", "voice", "voc", "survey", "surveys",
        "feedback", "nps", "opinion", "opinions", "poll", "polls", "felmérés", "felmérések",
        "questionnaire", "research", "userresearch", "insights", "customerinsights",
        "satisfaction", "csat", "listening", "kérdőív", "encuestas", "umfragen", "sondages",
        "visszajelzés", "visszajelzések", "vélemény",
    ),
    "Fiverr-Social": (
        "social", "socialmedia", "socials", "campaign", "campaigns", "instagram", "twitter",
        "tiktok", "facebook", "linkedin", "influencer", "influencers", "közösségi", "kampány",
        "youtube", "pinterest", "snapchat", "hashtag", "hashtags", "socialteam",
        "kampányok",
    ),
    "Fiverr-Updates": (
        "updates", "update", "news", "newsroom", "announcement", "announcements", "whatsnew",
        "newfeatures", "features", "release", "releases", "releasenotes", "changelog",
        "newsletter", "frissítés", "frissítések", "hírek", "újdonságok", "productupdates",
        "productnews", "bulletin", "digest", "latest", "whatshappening", "blog", "press",
        "pressroom", "hírlevél", "noticias", "novedades", "actualizaciones", "neuigkeiten",
        "nachrichten", "actualites", "nouveautes",
    ),
    "frmarcom": (
        "marcom", "marcomm", "marcomms", "marketingcommunications", "marketingcomms",
        "marketingcomm", "mktgcomms", "creative", "creativeprojects", "marketingkommunikáció",
        "brandcomms", "brandcommunications", "creativeteam", "creatives", "marcoms",
    ),
    "hoosier333": (
        "marketingmanager", "marketingmgr", "mktgmgr", "mktgmanager", "marketinglead",
        "marketingdirector", "marketinghead", "headofmarketing", "marketing", "mktg", "cmo",
        "growthmarketing", "marketingteam", "brandmanager", "marketer", "marketers",
        "marketingmenedzser", "marketingvezető",
    ),
    "Internal_comms": (
        "internal", "internalcomms", "comms", "communications", "communication",
        "corporatecomms", "communityaffairs", "affairs", "intranet", "staffcomms", "belső",
        "employeecomms", "employeecommunications", "internalcommunications", "internalnews",
        "corporatecommunications",
        "belsőkommunikáció", "kommunikáció", "közösségiügyek",
    ),
})  # fmt: skip

#: How the official names split into words where neither a separator nor a capital shows it.
NAME_WORDS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {"frmarcom": ("fr", "mar", "com")}
)
