"""Weekly and daily email digests: subscriptions, composing, the outbox and the scheduled rounds."""
