"""The safety screen: crisis and abuse signals that override every flow."""
