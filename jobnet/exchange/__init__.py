"""Exchange between members: experience and interest marks on posts, organisation profiles."""
