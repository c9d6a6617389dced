print("slim-train: not yet implemented")
