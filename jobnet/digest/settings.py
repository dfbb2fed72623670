"""The digest settings from the configuration, checked once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from apscheduler.triggers.cron import CronTrigger

from jobnet.config import ConfigError
from jobnet.digest.models import Frequency
from jobnet.digest.periods import daily_trigger, weekly_trigger
from jobnet.geo.settings import GeoSettings


@dataclass(frozen=True)
class DigestSettings:
    """What a round needs to know from the configuration."""

    weekly: CronTrigger
    daily: CronTrigger
    send_empty: bool
    fair_weeks: int
    backoff: list[float]
    max_attempts: int
    claim_timeout: timedelta
    region: str
    suspend_after: int = 3  # refused (5xx) periods in a row before a subscription is suspended

    def trigger(self, frequency: str) -> CronTrigger:
        return self.weekly if frequency == Frequency.WEEKLY else self.daily

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> DigestSettings:
        """Read and check the DIGEST_* keys; ConfigError with the key's name when one is wrong."""
        backoff = config["DIGEST_RETRY_BACKOFF_SECONDS"]
        if (not isinstance(backoff, list) or not backoff
                or not all(isinstance(v, int | float) and v >= 0 for v in backoff)):
            raise ConfigError("DIGEST_RETRY_BACKOFF_SECONDS must be a list of seconds, e.g. [60, 300]")
        for key in ("DIGEST_FAIR_WEEKS", "DIGEST_RETRY_MAX_ATTEMPTS", "DIGEST_CLAIM_TIMEOUT_MINUTES",
                    "DIGEST_SUSPEND_AFTER_FAILED_PERIODS"):
            if isinstance(config[key], bool) or not isinstance(config[key], int) or config[key] < 1:
                raise ConfigError(f"{key} must be a whole number of at least 1")
        return cls(weekly=weekly_trigger(config["DIGEST_WEEKLY_CRON"]),
                   daily=daily_trigger(config["DIGEST_DAILY_TIME"]),
                   send_empty=bool(config["DIGEST_SEND_EMPTY"]),
                   fair_weeks=config["DIGEST_FAIR_WEEKS"], backoff=[float(v) for v in backoff],
                   max_attempts=config["DIGEST_RETRY_MAX_ATTEMPTS"],
                   claim_timeout=timedelta(minutes=config["DIGEST_CLAIM_TIMEOUT_MINUTES"]),
                   region=GeoSettings.from_config(config).region,
                   suspend_after=config["DIGEST_SUSPEND_AFTER_FAILED_PERIODS"])
