"""A loopback stand-in for the Anthropic Messages API, used to record cassettes without a key."""
