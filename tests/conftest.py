from __future__ import annotations

import pytest

from footprint import accounts


@pytest.fixture(scope="session")
def nfa():
    return accounts.load_nfa()
