"""The sandbox's issues and counters, persisted as one JSON file (atomic replace)."""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stacklens_desktop.jira_sandbox import catalog


@dataclass
class SandboxUser:
    """The one account the sandbox knows. Cloud checks e-mail + token, DC the PAT."""

    email: str = "demo@example.com"
    #: a fresh random token per sandbox: a page in the browser cannot guess it
    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    account_id: str = "5b10ac8d82e05b22cc7d4ef5"
    display_name: str = "StackLens Demo"
    name: str = "demo"


@dataclass
class SandboxState:
    """Issues by id. All access goes through ``lock``; ``save`` after every change."""

    path: Path | None = None
    issues: dict[str, dict[str, Any]] = field(default_factory=dict)
    next_id: int = 10000
    next_comment_id: int = 100000
    counters: dict[str, int] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    @classmethod
    def open(cls, path: Path | None) -> SandboxState:
        state = cls(path=path)
        if path is not None and path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            state.issues = dict(data.get("issues", {}))
            state.next_id = int(data.get("next_id", 10000))
            state.next_comment_id = int(data.get("next_comment_id", 100000))
            state.counters = dict(data.get("counters", {}))
        return state

    def save(self) -> None:
        if self.path is None:
            return
        data = {
            "issues": self.issues,
            "next_id": self.next_id,
            "next_comment_id": self.next_comment_id,
            "counters": self.counters,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

    def reset(self) -> None:
        with self.lock:
            self.issues.clear()
            self.counters.clear()
            self.next_id, self.next_comment_id = 10000, 100000
            self.save()

    def find(self, id_or_key: str) -> dict[str, Any] | None:
        """By id, or by key case-insensitively (as Jira does)."""
        with self.lock:
            if id_or_key in self.issues:
                return self.issues[id_or_key]
            wanted = id_or_key.upper()
            return next((i for i in self.issues.values() if i["key"] == wanted), None)

    def create(self, project: str, issuetype_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            issue_id = str(self.next_id)
            self.next_id += 1
            number = self.counters.get(project, 0) + 1
            self.counters[project] = number
            now = time.time()
            issue = {
                "id": issue_id,
                "key": f"{project}-{number}",
                "project": project,
                "issuetype": issuetype_id,
                "status": catalog.INITIAL_STATUS,
                "fields": fields,
                "created": now,
                "updated": now,
                "comments": [],
            }
            self.issues[issue_id] = issue
            self.save()
            return issue

    def add_comment(self, issue: dict[str, Any], body: Any, author: str) -> dict[str, Any]:
        with self.lock:
            comment = {
                "id": str(self.next_comment_id),
                "body": body,
                "author": author,
                "created": time.time(),
            }
            self.next_comment_id += 1
            issue["comments"].append(comment)
            issue["updated"] = comment["created"]
            self.save()
            return comment

    def touch(self, issue: dict[str, Any]) -> None:
        with self.lock:
            issue["updated"] = time.time()
            self.save()
