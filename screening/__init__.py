"""The screening application: adapts the rules core to people and machines."""
