"""Words that say nothing about what is searched, in French, Italian and English, accent-folded.

Kept short on purpose: a word that can carry meaning in a material or place name ("bois", "pas",
"fine") is not a stop word. Lists after the Snowball project's stop-word lists (BSD licence).
"""

FRENCH = frozenset(
    """
    a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes
    moi mon ne nos notre nous on ou par pour qu que qui sa se ses sur ta te tes toi ton tu un une
    vos votre vous c d j l m n s t y ete etre avoir suis es est sommes etes sont ai as avons avez ont
    cet cette ceux celle celles dont ou quel quelle quels quelles chez vers sans sous entre aussi
    tres plus moins tout tous toute toutes autre autres cherche cherchons recherche besoin veux
    voudrais souhaite mon ma mes notre nos
    """.split()
)

ITALIAN = frozenset(
    """
    a ad al allo ai agli all agl alla alle con coi da dal dallo dai dagli dall dagl dalla dalle
    di del dello dei degli dell degl della delle in nel nello nei negli nell negl nella nelle su sul
    sullo sui sugli sull sugl sulla sulle per tra fra il lo la i gli le un uno una e ed o od ma se
    che chi cui non come dove quando anche piu mio mia miei mie tuo tua suo sua nostro nostra vostro
    vostra loro questo questa questi queste quello quella quelli quelle sono sei siamo siete ho hai
    ha abbiamo avete hanno essere avere cerco cerchiamo cercare bisogno serve servono vorrei molto
    """.split()
)

ENGLISH = frozenset(
    """
    the of and or for to in on at by with from an is are be we i my our need needs looking some any
    """.split()
)

ALL = FRENCH | ITALIAN | ENGLISH
