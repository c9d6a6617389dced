import SlimLog
