"""Words the synthetic library is written in: subjects, looks and places a studio's assets are about."""

from __future__ import annotations

# Real English words, so the MiniLM text model gives the synthetic assets meaningful embeddings. `puppy`,
# `kitten` and `automobile` are deliberately absent: the benchmark's semantic searches use them to find
# assets that only say `dog`, `cat` and `car`.
SUBJECTS = """
dog cat horse bird fish cow sheep rabbit lion tiger bear fox deer owl eagle butterfly bee
car bicycle motorcycle truck bus train boat ship plane helicopter scooter skateboard
mountain beach ocean forest city street building bridge tower castle church garden park field
desert dunes river lake waterfall island canyon valley glacier volcano cliff meadow jungle
sunset sunrise sky cloud storm rain snow fog rainbow moon stars galaxy lightning
coffee tea cup mug bottle glass wine beer cocktail juice smoothie bread cake cookie pizza burger
salad pasta sushi fruit apple lemon banana cherry strawberry grape avocado tomato pepper
shoe sneaker boot bag backpack dress shirt jacket hat scarf watch ring necklace sunglasses
phone laptop camera headphones keyboard lamp chair sofa table bed mirror candle vase plant
flower rose tulip daisy sunflower cactus fern leaf tree palm pine oak
portrait model smile hands face eyes hair family child couple friends team athlete dancer chef
logo banner poster flyer brochure packaging box label sticker badge icon pattern texture
kitchen bedroom office studio cafe restaurant shop market gym pool hotel airport station
""".split()

LOOKS = """
red blue green yellow orange purple pink black white gray golden silver teal beige
warm cold bright dark moody pastel neon vivid muted soft
minimal vintage modern retro rustic elegant bold playful clean cozy luxury urban natural
cinematic aerial macro closeup wide flatlay isometric abstract geometric watercolor
night morning evening summer winter spring autumn holiday festive
""".split()

STYLES = """
photo photograph illustration render painting sketch drawing collage mockup
editorial lifestyle product fashion travel food architecture landscape wildlife street
""".split()

CAMPAIGN_WORDS = """
Summer Winter Spring Autumn Holiday Launch Relaunch Heritage Outdoor Studio Coastal Urban Festival
""".split()

COLLECTION_ROOTS = ("Shoots", "Products", "Brand", "Social")
