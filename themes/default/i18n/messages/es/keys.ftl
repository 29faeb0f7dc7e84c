# Sugerencias para una clave que aula no conoce.
did-you-mean = ¿querías decir `{ $key }`?
known-keys = claves conocidas: { $keys }
