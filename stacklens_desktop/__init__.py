"""StackLens Desktop: catch production errors in application logs and turn them into tickets."""

__version__ = "0.1.0"
APP_NAME = "StackLens"
