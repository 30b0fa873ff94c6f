"""The domain: plain data and rules, standard library only."""
