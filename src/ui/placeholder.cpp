// UI layer: views land here.
