"""The profile's settings: a declared, versioned schema (pydantic), its migration from what
older versions stored, and the functions that read and save each section. No Qt here."""
