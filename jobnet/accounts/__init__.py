"""Organisations, users, roles, invitations and login."""
