"""The analysis core: plain Python, no Qt. Shared by the CLI, the workers and the tests."""
