"""SBP Boards project package: settings, URLs, and the partnership directory shared by every app."""
