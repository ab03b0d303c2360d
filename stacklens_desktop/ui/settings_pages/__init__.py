"""The pages of the settings dialog, one per file."""
