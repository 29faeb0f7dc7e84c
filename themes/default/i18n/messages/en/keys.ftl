# Suggestions for a key aula does not know.
did-you-mean = did you mean `{ $key }`?
known-keys = known keys: { $keys }
