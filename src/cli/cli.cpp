namespace hallway {}
