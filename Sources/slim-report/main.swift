print("slim-report: not yet implemented")
