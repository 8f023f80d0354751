"""The briefing as data: YAML with positions, the located loader, the model and inline markup."""
