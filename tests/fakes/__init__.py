"""Shared offline fakes: the console driver, and (per issue) the Bot API server and Discord set-up."""
