"""What the parser can recognise by name: the parties that supply or receive arms
(states, alliances, armed groups, and the companies that stand for their state),
their mentions in a Doc, and the offices officials hold."""
