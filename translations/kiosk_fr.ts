<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccessibleHeader</name>
    <message>
        <source>Accessible mode: everything to tap is in the lower part.</source>
        <translation>Mode accessible&#xa0;: toutes les touches sont en bas de l’écran.</translation>
    </message>
</context>
<context>
    <name>AdminFlow</name>
    <message>
        <source>Hold a QR code or barcode up to the camera.</source>
        <translation>Présentez un QR code ou un code-barres devant la caméra.</translation>
    </message>
    <message>
        <source>Camera test</source>
        <translation>Test caméra</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Lu&#xa0;: %1</translation>
    </message>
    <message>
        <source>Read, but refused: %1</source>
        <translation>Lu, mais refusé&#xa0;: %1</translation>
    </message>
    <message>
        <source>No camera: %1</source>
        <translation>Pas de caméra&#xa0;: %1</translation>
    </message>
    <message>
        <source>Maintenance PIN</source>
        <translation>Code PIN de maintenance</translation>
    </message>
    <message>
        <source>Staff only.</source>
        <translation>Réservé au personnel.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Too many wrong PINs.</source>
        <translation>Trop de codes PIN incorrects.</translation>
    </message>
    <message>
        <source>The admin panel is not set up on this locker.</source>
        <translation>Le menu de maintenance n’est pas configuré sur cette consigne.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Code PIN incorrect.</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Portes</translation>
    </message>
    <message>
        <source>Open all doors</source>
        <translation>Ouvrir toutes les portes</translation>
    </message>
    <message>
        <source>Locker back in service</source>
        <translation>Remettre la consigne en service</translation>
    </message>
    <message>
        <source>Locker out of service</source>
        <translation>Mettre la consigne hors service</translation>
    </message>
    <message>
        <source>Tap a door to open it or take it out of service.</source>
        <translation>Touchez un casier pour l’ouvrir ou le mettre hors service.</translation>
    </message>
    <message>
        <source>■ closed  ▲ open  ? unknown</source>
        <translation>■ fermé  ▲ ouvert  ? inconnu</translation>
    </message>
    <message>
        <source>● occupied  ○ empty  ✕ out of service</source>
        <translation>● occupé  ○ vide  ✕ hors service</translation>
    </message>
    <message>
        <source>Open all doors?</source>
        <translation>Ouvrir toutes les portes&#x202f;?</translation>
    </message>
    <message>
        <source>Every door opens, one after the other. Parcels inside become reachable. Stay at the locker until all doors are closed again.</source>
        <translation>Les portes vont s’ouvrir l’une après l’autre et les colis seront accessibles. Restez devant la consigne jusqu’à ce que toutes les portes soient refermées.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <source>Scanner test: %1</source>
        <translation>Test du scanner&#xa0;: %1</translation>
    </message>
    <message>
        <source>scan any code</source>
        <translation>scannez un code</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Restart kiosk</source>
        <translation>Redémarrer la borne</translation>
    </message>
    <message>
        <source>Stop kiosk
(console until started again)</source>
        <translation>Arrêter la borne
(console jusqu’à relance)</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <source>all</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>Taille&#xa0;: %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fermée</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>état inconnu</translation>
    </message>
    <message>
        <source>occupied</source>
        <translation>occupé</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vide</translation>
    </message>
    <message>
        <source>Door: %1</source>
        <translation>Porte&#xa0;: %1</translation>
    </message>
    <message>
        <source>Item sensor: %1</source>
        <translation>Capteur de présence&#xa0;: %1</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>En service</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Hors service</translation>
    </message>
    <message>
        <source>Last events:</source>
        <translation>Derniers événements&#xa0;:</translation>
    </message>
    <message>
        <source>none recorded since the kiosk started</source>
        <translation>aucun depuis le démarrage de la borne</translation>
    </message>
    <message>
        <source>Compartment %1</source>
        <translation>Casier %1</translation>
    </message>
    <message>
        <source>Open door</source>
        <translation>Ouvrir la porte</translation>
    </message>
    <message>
        <source>Take out of service</source>
        <translation>Mettre hors service</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>Remettre en service</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1&#xa0;s</translation>
    </message>
    <message>
        <source>Serial boards</source>
        <translation>Cartes série</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulateur</translation>
    </message>
    <message>
        <source>On-site settings</source>
        <translation>Réglages locaux</translation>
    </message>
    <message>
        <source>Default language, idle timeout and board kind for this locker.</source>
        <translation>Langue par défaut, délai d’inactivité et type de cartes de cette consigne.</translation>
    </message>
    <message>
        <source>They override the backend and the config file; a board change takes effect after a restart.</source>
        <translation>Ces réglages priment sur le serveur et le fichier de configuration&#x202f;; un changement de cartes prend effet au redémarrage.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Close the door when you are done.</source>
        <translation>Refermez la porte quand vous avez terminé.</translation>
    </message>
    <message>
        <source>Door closed</source>
        <translation>Porte fermée</translation>
    </message>
    <message>
        <source>Door %1 is closed.</source>
        <translation>Le casier %1 est fermé.</translation>
    </message>
    <message>
        <source>Next door</source>
        <translation>Porte suivante</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <source>Back to the panel</source>
        <translation>Retour au menu</translation>
    </message>
    <message>
        <source>This door is not in the layout.</source>
        <translation>Ce casier ne figure pas dans le plan de la consigne.</translation>
    </message>
    <message>
        <source>Door %1 is out of service.</source>
        <translation>Le casier %1 est hors service.</translation>
    </message>
    <message>
        <source>Door %1 is in service.</source>
        <translation>Le casier %1 est en service.</translation>
    </message>
    <message>
        <source>The locker is out of service once you close the panel.</source>
        <translation>La consigne sera hors service dès la fermeture du menu.</translation>
    </message>
    <message>
        <source>The locker is back in service.</source>
        <translation>La consigne est de nouveau en service.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrêté.</translation>
    </message>
    <message>
        <source>%1 of %2 doors opened.</source>
        <translation>Portes ouvertes&#xa0;: %1 sur %2.</translation>
    </message>
    <message>
        <source>Did not open: %1</source>
        <translation>Échec d’ouverture&#xa0;: %1</translation>
    </message>
    <message>
        <source>Opening door %1 of %2…</source>
        <translation>Ouverture de la porte %1 sur %2…</translation>
    </message>
    <message>
        <source>Opening all doors</source>
        <translation>Ouverture de toutes les portes</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Door %1: %2</source>
        <translation>Casier %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>AppOpenFlow</name>
    <message>
        <source>Door %1 is open for your app</source>
        <translation>Casier %1 ouvert via votre appli</translation>
    </message>
    <message>
        <source>%1, please take your parcel and close the door firmly.</source>
        <translation>%1, retirez votre colis et refermez bien la porte.</translation>
    </message>
    <message>
        <source>%1, please put your parcel in and close the door firmly.</source>
        <translation>%1, déposez votre colis et refermez bien la porte.</translation>
    </message>
    <message>
        <source>Please put your parcel in and close the door firmly.</source>
        <translation>Déposez votre colis et refermez bien la porte.</translation>
    </message>
    <message>
        <source>Please take your parcel and close the door firmly.</source>
        <translation>Retirez votre colis et refermez bien la porte.</translation>
    </message>
    <message>
        <source>Door %1 was opened by customer service</source>
        <translation>Casier %1 ouvert par le service client</translation>
    </message>
    <message>
        <source>Close the door firmly when you are done.</source>
        <translation>Refermez bien la porte quand vous avez terminé.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>CameraScreen</name>
    <message>
        <source>Type the code instead</source>
        <translation>Saisir le code</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Démarrage de la caméra…</translation>
    </message>
</context>
<context>
    <name>CodeEntry</name>
    <message>
        <source>Scanning with the camera is not available here. Please type your code.</source>
        <translation>Le scan par caméra n’est pas disponible ici. Saisissez votre code.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Please wait %n second(s).</source>
        <translation>
            <numerusform>Trop de tentatives. Veuillez patienter %n&#xa0;seconde.</numerusform>
            <numerusform>Trop de tentatives. Veuillez patienter %n&#xa0;secondes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n digit(s).</source>
        <translation>
            <numerusform>Le code comporte %n&#xa0;chiffre.</numerusform>
            <numerusform>Le code comporte %n&#xa0;chiffres.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n letter(s) or digit(s).</source>
        <translation>
            <numerusform>Le code comporte %n&#xa0;caractère (lettres ou chiffres).</numerusform>
            <numerusform>Le code comporte %n&#xa0;caractères (lettres ou chiffres).</numerusform>
        </translation>
    </message>
    <message>
        <source>Hold the code up to the camera</source>
        <translation>Présentez le code devant la caméra</translation>
    </message>
    <message>
        <source>The QR code or barcode from your message, about 20 cm away.</source>
        <translation>Le QR code ou le code-barres de votre message, à 20&#xa0;cm environ.</translation>
    </message>
</context>
<context>
    <name>CodeEntryScreen</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Scan instead</source>
        <translation>Scanner le code</translation>
    </message>
    <message>
        <source>Open my door</source>
        <translation>Ouvrir mon casier</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait %1.</source>
        <translation>Trop de tentatives. Veuillez patienter %1.</translation>
    </message>
</context>
<context>
    <name>CodeProblems</name>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Wrong code</source>
        <translation>Code incorrect</translation>
    </message>
    <message>
        <source>Please check the code in your message.</source>
        <translation>Vérifiez le code indiqué dans votre message.</translation>
    </message>
    <message>
        <source>Wrong courier ID or PIN</source>
        <translation>Identifiant ou code PIN incorrect</translation>
    </message>
    <message>
        <source>Please check and try again.</source>
        <translation>Vérifiez votre saisie et réessayez.</translation>
    </message>
    <message>
        <source>This courier account is locked</source>
        <translation>Ce compte livreur est bloqué</translation>
    </message>
    <message>
        <source>Please contact your dispatcher.</source>
        <translation>Contactez votre responsable.</translation>
    </message>
    <message>
        <source>This code has expired</source>
        <translation>Ce code a expiré</translation>
    </message>
    <message>
        <source>Your parcel was returned. Please contact the sender.</source>
        <translation>Votre colis a été retourné à l’expéditeur. Veuillez le contacter.</translation>
    </message>
    <message>
        <source>This parcel was already collected</source>
        <translation>Ce colis a déjà été retiré</translation>
    </message>
    <message>
        <source>If this was not you, please contact customer service.</source>
        <translation>Si ce n’est pas vous, contactez le service client.</translation>
    </message>
    <message>
        <source>This code was already used</source>
        <translation>Ce code a déjà été utilisé</translation>
    </message>
    <message>
        <source>Each drop-off code works once.</source>
        <translation>Chaque code de dépôt n’est valable qu’une fois.</translation>
    </message>
    <message>
        <source>You can try again now</source>
        <translation>Vous pouvez réessayer maintenant</translation>
    </message>
    <message>
        <source>The wait is over.</source>
        <translation>L’attente est terminée.</translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation>Trop de tentatives</translation>
    </message>
    <message>
        <source>This locker is offline</source>
        <translation>Cette consigne est hors ligne</translation>
    </message>
    <message>
        <source>It cannot check this code until it is back online. Please try again later. Nothing was used up.</source>
        <translation>Elle ne peut pas vérifier ce code avant d’être de nouveau en ligne. Réessayez plus tard. Rien n’a été utilisé.</translation>
    </message>
    <message>
        <source>Please wait %1 and try again.</source>
        <translation>Veuillez patienter %1, puis réessayez.</translation>
    </message>
    <message>
        <source>We could not check your code right now</source>
        <translation>Impossible de vérifier votre code</translation>
    </message>
    <message>
        <source>Please try again in a moment. Your code was not used up.</source>
        <translation>Réessayez dans un instant. Votre code reste valable.</translation>
    </message>
</context>
<context>
    <name>CourierFlow</name>
    <message>
        <source>That was not a courier badge.</source>
        <translation>Ce n’est pas un badge livreur.</translation>
    </message>
    <message>
        <source>Scanning with the camera is not available here. Please type your ID.</source>
        <translation>Le scan par caméra n’est pas disponible ici. Saisissez votre identifiant.</translation>
    </message>
    <message>
        <source>Courier login</source>
        <translation>Connexion livreur</translation>
    </message>
    <message>
        <source>Type your courier ID, or scan your badge.</source>
        <translation>Saisissez votre identifiant livreur ou scannez votre badge.</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Enter your PIN</source>
        <translation>Saisissez votre code PIN</translation>
    </message>
    <message>
        <source>Courier ID: %1</source>
        <translation>Identifiant livreur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Hold your badge up to the camera</source>
        <translation>Présentez votre badge devant la caméra</translation>
    </message>
    <message>
        <source>The barcode on your courier badge, about 20 cm away.</source>
        <translation>Le code-barres de votre badge livreur, à 20&#xa0;cm environ.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Connexion en cours…</translation>
    </message>
    <message>
        <source>Your session has ended</source>
        <translation>Votre session a expiré</translation>
    </message>
    <message>
        <source>Please log in again to go on.</source>
        <translation>Reconnectez-vous pour continuer.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Loading your tasks…</source>
        <translation>Chargement de vos tâches…</translation>
    </message>
    <message>
        <source>The task list could not be loaded. Please try again.</source>
        <translation>Impossible de charger la liste des tâches. Réessayez.</translation>
    </message>
    <message>
        <source>Scan the next parcel</source>
        <translation>Scannez le colis suivant</translation>
    </message>
    <message>
        <source>The right door opens at once. Scan the next while it is open.</source>
        <translation>Le bon casier s’ouvre aussitôt. Vous pouvez scanner le suivant pendant qu’il est ouvert.</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>livrés</translation>
    </message>
    <message>
        <source>Type the barcode</source>
        <translation>Saisir le code-barres</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Type the parcel barcode</source>
        <translation>Saisissez le code-barres</translation>
    </message>
    <message>
        <source>The letters and digits under the barcode.</source>
        <translation>Les lettres et les chiffres sous le code-barres.</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Livrer</translation>
    </message>
    <message>
        <source>Parcel %1 is already delivered.</source>
        <translation>Le colis %1 est déjà livré.</translation>
    </message>
    <message>
        <source>Parcel %1 is not on your list for this locker.</source>
        <translation>Le colis %1 ne figure pas sur votre liste pour cette consigne.</translation>
    </message>
    <message>
        <source>No free compartment fits parcel %1 (size %2). It stays in the van.</source>
        <translation>Aucun casier libre ne convient au colis %1 (taille %2). Il reste dans le véhicule.</translation>
    </message>
    <message>
        <source>Compartment %1 is not empty. It is now out of service.</source>
        <translation>Le casier %1 n’est pas vide. Il vient d’être mis hors service.</translation>
    </message>
    <message>
        <source>Parcel %1 could not be booked in. Please scan it again.</source>
        <translation>Le colis %1 n’a pas pu être enregistré. Scannez-le à nouveau.</translation>
    </message>
    <message numerus="yes">
        <source>%n more parcel(s) scanned</source>
        <translation>
            <numerusform>%n autre colis scanné</numerusform>
            <numerusform>%n autres colis scannés</numerusform>
        </translation>
    </message>
    <message>
        <source>Put the parcel in and close the door.</source>
        <translation>Déposez le colis et refermez la porte.</translation>
    </message>
    <message>
        <source>Parcel %1 · size %2</source>
        <translation>Colis %1 · taille %2</translation>
    </message>
    <message>
        <source>Doesn&apos;t fit</source>
        <translation>Ne rentre pas</translation>
    </message>
    <message>
        <source>Door is broken</source>
        <translation>Porte défectueuse</translation>
    </message>
    <message>
        <source>Use another door</source>
        <translation>Autre casier</translation>
    </message>
    <message>
        <source>Parcel %1 is in compartment %2.</source>
        <translation>Colis %1 déposé dans le casier %2.</translation>
    </message>
    <message>
        <source>Compartment %1 is now out of service. Another one opens.</source>
        <translation>Le casier %1 a été mis hors service. Un autre casier s’ouvre.</translation>
    </message>
    <message>
        <source>Door %1 was left open. Please close it.</source>
        <translation>Le casier %1 est resté ouvert. Refermez-le.</translation>
    </message>
    <message>
        <source>Take the parcel back out and close the door. The next door opens then.</source>
        <translation>Reprenez le colis et refermez la porte. Le casier suivant s’ouvrira ensuite.</translation>
    </message>
    <message>
        <source>Please close door %1</source>
        <translation>Refermez le casier %1</translation>
    </message>
    <message>
        <source>Expired parcel</source>
        <translation>Colis non retiré</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Sent parcel</source>
        <translation>Colis à expédier</translation>
    </message>
    <message>
        <source>Collect from compartment %1</source>
        <translation>Colis à récupérer dans le casier %1</translation>
    </message>
    <message>
        <source>to collect</source>
        <translation>à récupérer</translation>
    </message>
    <message>
        <source>Open door %1</source>
        <translation>Ouvrir le casier %1</translation>
    </message>
    <message>
        <source>Collect all</source>
        <translation>Tout récupérer</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <source>Take the parcel out and close the door.</source>
        <translation>Retirez le colis et refermez la porte.</translation>
    </message>
    <message>
        <source>Door %1 was not collected.</source>
        <translation>Le casier %1 n’a pas été vidé.</translation>
    </message>
    <message>
        <source>Next: compartment %1</source>
        <translation>Suivant&#xa0;: casier %1</translation>
    </message>
    <message>
        <source>The next door opens in a moment.</source>
        <translation>Le casier suivant s’ouvre dans un instant.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Broken door</source>
        <translation>Porte défectueuse</translation>
    </message>
    <message>
        <source>Dirty / damaged</source>
        <translation>Sale / endommagé</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Signaler un problème</translation>
    </message>
    <message>
        <source>Compartment %1: what is wrong?</source>
        <translation>Casier %1&#xa0;: quel est le problème&#x202f;?</translation>
    </message>
    <message>
        <source>Tap the compartment on the picture.</source>
        <translation>Touchez le casier concerné sur le schéma.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Saving your report…</source>
        <translation>Enregistrement du signalement…</translation>
    </message>
    <message>
        <source>Compartment %1 is now out of service. Thank you.</source>
        <translation>Le casier %1 a été mis hors service. Merci.</translation>
    </message>
</context>
<context>
    <name>CourierHomeScreen</name>
    <message>
        <source>Hello, %1</source>
        <translation>Bonjour %1</translation>
    </message>
    <message>
        <source>to deliver here</source>
        <translation>à livrer ici</translation>
    </message>
    <message>
        <source>to collect</source>
        <translation>à récupérer</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Livrer</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Signaler un problème</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Se déconnecter</translation>
    </message>
</context>
<context>
    <name>DoorCycle</name>
    <message>
        <source>Door %1 is open</source>
        <translation>Le casier %1 est ouvert</translation>
    </message>
    <message>
        <source>Opening door %1…</source>
        <extracomment>The answer &quot;Door did not open?&quot; on the open door&apos;s screen (``DoorJob.offer_not_open``).</extracomment>
        <translation>Ouverture du casier %1…</translation>
    </message>
    <message>
        <source>The door marked on the picture opens in a moment.</source>
        <translation>Le casier indiqué sur le schéma va s’ouvrir dans un instant.</translation>
    </message>
    <message>
        <source>Door %1 did not open</source>
        <translation>Le casier %1 ne s’est pas ouvert</translation>
    </message>
    <message>
        <source>Please try again. If it still does not open, we will help you.</source>
        <translation>Réessayez. S’il ne s’ouvre toujours pas, nous allons vous aider.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Get help</source>
        <translation>Obtenir de l’aide</translation>
    </message>
    <message>
        <source>Door %1 should be open</source>
        <translation>Le casier %1 devrait être ouvert</translation>
    </message>
    <message>
        <source>Its lock is released: pull the door gently, it may be stuck. Still shut? Tap “Try again”.</source>
        <translation>Sa serrure est libérée&#xa0;: tirez doucement la porte, elle est peut-être coincée. Toujours fermée&#x202f;? Touchez «&#x202f;Réessayer&#x202f;».</translation>
    </message>
    <message>
        <source>We are sorry</source>
        <translation>Nous sommes désolés</translation>
    </message>
    <message>
        <source>Your parcel stays safe. Please contact customer service.</source>
        <translation>Votre colis reste en sécurité. Contactez le service client.</translation>
    </message>
    <message>
        <source>If the door opens after all, close it again when you are done.</source>
        <translation>Si la porte s’ouvre finalement, refermez-la quand vous avez terminé.</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Retour à l’accueil</translation>
    </message>
    <message>
        <source>Door did not open?</source>
        <translation>La porte ne s’ouvre pas&#x202f;?</translation>
    </message>
    <message>
        <source>Close the door firmly when you are done.</source>
        <translation>Refermez bien la porte quand vous avez terminé.</translation>
    </message>
    <message>
        <source>Please close door %1</source>
        <translation>Refermez le casier %1</translation>
    </message>
    <message>
        <source>The door is still open. Push it shut until it clicks.</source>
        <translation>La porte est encore ouverte. Poussez-la jusqu’au déclic.</translation>
    </message>
    <message>
        <source>Door %1 closed</source>
        <translation>Casier %1 fermé</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <source>Door %1 is closed.</source>
        <translation>Le casier %1 est fermé.</translation>
    </message>
    <message>
        <source>Is your parcel still inside?</source>
        <translation>Votre colis est-il encore dans le casier&#x202f;?</translation>
    </message>
    <message>
        <source>The sensor in door %1 still sees something inside.</source>
        <translation>Le capteur du casier %1 détecte encore un objet à l’intérieur.</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Merci&#x202f;!</translation>
    </message>
    <message>
        <source>Door %1 is closed. Closed it by mistake? Tap “Open again”.</source>
        <translation>Le casier %1 est fermé. Fermé par erreur&#x202f;? Touchez «&#x202f;Rouvrir&#x202f;».</translation>
    </message>
</context>
<context>
    <name>DoorScreen</name>
    <message>
        <source>Bottom row</source>
        <extracomment>Fill and outline per cell state on a door grid (courier, admin).</extracomment>
        <translation>Rangée du bas</translation>
    </message>
    <message>
        <source>Top row</source>
        <translation>Rangée du haut</translation>
    </message>
    <message>
        <source>Row %1 from the bottom</source>
        <translation>%1e rangée en partant du bas</translation>
    </message>
    <message>
        <source>Row %1 from the top</source>
        <translation>%1e rangée en partant du haut</translation>
    </message>
    <message>
        <source>column %1 from the left</source>
        <translation>%1e colonne en partant de la gauche</translation>
    </message>
    <message>
        <source>column %1 from the right</source>
        <translation>%1e colonne en partant de la droite</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>Footer</name>
    <message>
        <source>Locker %1</source>
        <translation>Consigne %1</translation>
    </message>
    <message>
        <source>Reference %1</source>
        <translation>Référence %1</translation>
    </message>
    <message>
        <source>Code on your phone? Hold it under the scanner below the screen.</source>
        <translation>Code sur votre téléphone&#x202f;? Présentez-le au lecteur sous l’écran.</translation>
    </message>
    <message>
        <source>Accessible mode</source>
        <translation>Mode accessible</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Welcome! What would you like to do?</source>
        <translation>Bonjour&#x202f;! Que voulez-vous faire&#x202f;?</translation>
    </message>
    <message>
        <source>Pick up a parcel</source>
        <translation>Retirer un colis</translation>
    </message>
    <message>
        <source>Send or return</source>
        <translation>Envoyer ou retourner</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Livreur</translation>
    </message>
    <message>
        <source>Locker %1</source>
        <translation>Consigne %1</translation>
    </message>
    <message>
        <source>Open with the app</source>
        <translation>Ouvrir avec l’appli</translation>
    </message>
    <message>
        <source>Demo codes</source>
        <translation>Codes de démo</translation>
    </message>
    <message>
        <source>Demo pickup codes</source>
        <translation>Codes de retrait (démo)</translation>
    </message>
    <message>
        <source>send, size %1</source>
        <translation>envoi, taille %1</translation>
    </message>
    <message>
        <source>return, size %1</source>
        <translation>retour, taille %1</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>Maintenance in progress.</source>
        <translation>Maintenance en cours.</translation>
    </message>
    <message>
        <source>The locker is starting up. Please try again in a minute.</source>
        <translation>La consigne démarre. Réessayez dans une minute.</translation>
    </message>
    <message>
        <source>The doors cannot be opened right now.</source>
        <translation>Impossible d’ouvrir les casiers pour le moment.</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose your language</source>
        <translation>Choisissez votre langue</translation>
    </message>
</context>
<context>
    <name>NoticeFlow</name>
    <message>
        <source>Back to start</source>
        <translation>Retour à l’accueil</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Not available at this locker</source>
        <translation>Indisponible sur cette consigne</translation>
    </message>
    <message>
        <source>This service is not offered here yet. Please use the operator&apos;s app.</source>
        <translation>Ce service n’est pas encore proposé ici. Utilisez l’appli de l’opérateur.</translation>
    </message>
    <message>
        <source>This code is not for this locker</source>
        <translation>Ce code n’est pas valable ici</translation>
    </message>
    <message>
        <source>Please scan the code from your pickup or drop-off message, or tap a button to start.</source>
        <translation>Scannez le code de votre message de retrait ou de dépôt, ou touchez un bouton pour commencer.</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This locker is temporarily out of service</source>
        <translation>Cette consigne est temporairement hors service</translation>
    </message>
    <message>
        <source>We are sorry. Please try again later or use another locker nearby.</source>
        <translation>Nous sommes désolés. Réessayez plus tard ou utilisez une autre consigne à proximité.</translation>
    </message>
</context>
<context>
    <name>PhoneEntryScreen</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Your number shows the parcel is yours. Tap the country code to change it.</source>
        <translation>Votre numéro prouve que le colis est bien le vôtre. Touchez l’indicatif pour le changer.</translation>
    </message>
</context>
<context>
    <name>PickupFlow</name>
    <message>
        <source>Wrong code</source>
        <translation>Code incorrect</translation>
    </message>
    <message>
        <source>Please check the code in your message. 2 attempts left.</source>
        <translation>Vérifiez le code indiqué dans votre message. Il vous reste 2 tentatives.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Enter your pickup code</source>
        <translation>Saisissez votre code&#xa0;de&#xa0;retrait</translation>
    </message>
    <message>
        <source>You find it in the text message or e-mail about your parcel.</source>
        <translation>Vous le trouverez dans le SMS ou l’e-mail concernant votre colis.</translation>
    </message>
    <message>
        <source>Enter your phone number</source>
        <translation>Saisissez votre numéro de téléphone</translation>
    </message>
    <message>
        <source>Hold the code up to the camera</source>
        <translation>Présentez le code devant la caméra</translation>
    </message>
    <message>
        <source>The QR code or barcode from your message, about 20 cm away.</source>
        <translation>Le QR code ou le code-barres de votre message, à 20&#xa0;cm environ.</translation>
    </message>
    <message>
        <source>Checking your code…</source>
        <translation>Vérification du code…</translation>
    </message>
    <message>
        <source>Take your parcel and close the door firmly.</source>
        <translation>Retirez votre colis et refermez bien la porte.</translation>
    </message>
    <message>
        <source>That was not a pickup code.</source>
        <translation>Ce n’est pas un code de retrait.</translation>
    </message>
    <message>
        <source>Parcel %1 of %2</source>
        <translation>Colis %1 sur %2</translation>
    </message>
    <message>
        <source>Open the next door</source>
        <translation>Ouvrir le casier suivant</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>Welcome. To pick up a parcel, tap the yellow button. To send or return one, tap the dark button next to it.</source>
        <extracomment>The spoken prompt of each screen (translated like every text; the context ``Prompt`` is what ``packaging/make-prompts`` reads from each catalogue).</extracomment>
        <translation>Bienvenue. Pour retirer un colis, touchez le bouton jaune. Pour envoyer ou retourner un colis, touchez le bouton foncé à côté.</translation>
    </message>
    <message>
        <source>Type the code from your message on the keypad, then tap Open my door.</source>
        <translation>Tapez le code reçu par message sur le clavier, puis touchez «&#x202f;Ouvrir mon casier&#x202f;».</translation>
    </message>
    <message>
        <source>Type your phone number, then tap Continue.</source>
        <translation>Tapez votre numéro de téléphone, puis touchez «&#x202f;Continuer&#x202f;».</translation>
    </message>
    <message>
        <source>Hold the code from your message up to the camera.</source>
        <translation>Présentez le code reçu par message devant la caméra.</translation>
    </message>
    <message>
        <source>Your door is open. The screen shows where it is. Close it when you are done.</source>
        <translation>Votre casier est ouvert. L’écran montre où il se trouve. Refermez la porte quand vous avez terminé.</translation>
    </message>
    <message>
        <source>Thank you. Please take a photo of your receipt.</source>
        <translation>Merci. Prenez votre reçu en photo.</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Receipt</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Locker</source>
        <translation>Consigne</translation>
    </message>
    <message>
        <source>Compartment</source>
        <translation>Casier</translation>
    </message>
</context>
<context>
    <name>RemoteControl</name>
    <message>
        <source>This locker is out of service. We are sorry for the inconvenience.</source>
        <translation>Cette consigne est hors service. Veuillez nous excuser pour la gêne occasionnée.</translation>
    </message>
</context>
<context>
    <name>SendFlow</name>
    <message>
        <source>Thank you! Your parcel is in the locker</source>
        <translation>Merci&#x202f;! Votre colis est bien déposé</translation>
    </message>
    <message>
        <source>Take a photo of this receipt.</source>
        <translation>Prenez ce reçu en photo.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Enter your drop-off code</source>
        <extracomment>The customer asked for accessible mode: a low (accessible) compartment first.</extracomment>
        <translation>Saisissez votre code de dépôt</translation>
    </message>
    <message>
        <source>You got it from the carrier or the shop, to send or return.</source>
        <translation>Vous l’avez reçu du transporteur ou du vendeur, pour un envoi ou un retour.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Put your parcel in and close the door.</source>
        <translation>Déposez votre colis et refermez la porte.</translation>
    </message>
    <message>
        <source>Larger compartment</source>
        <translation>Casier plus grand</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Nothing was sent</source>
        <translation>Aucun colis n’a été déposé</translation>
    </message>
    <message>
        <source>Please close the door. Your code was not used up.</source>
        <translation>Refermez la porte. Votre code reste valable.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>There is no larger compartment free</source>
        <translation>Aucun casier plus grand n’est libre</translation>
    </message>
    <message>
        <source>Please take your parcel with you. Your code was not used up.</source>
        <translation>Reprenez votre colis. Votre code reste valable.</translation>
    </message>
    <message>
        <source>That was not a drop-off code.</source>
        <translation>Ce n’est pas un code de dépôt.</translation>
    </message>
    <message>
        <source>Checking your code…</source>
        <translation>Vérification du code…</translation>
    </message>
    <message>
        <source>Please ask the carrier or the shop for a new code.</source>
        <translation>Demandez un nouveau code au transporteur ou au vendeur.</translation>
    </message>
    <message>
        <source>Finding a compartment for your parcel…</source>
        <translation>Recherche d’un casier pour votre colis…</translation>
    </message>
    <message>
        <source>No other compartment of this size is free</source>
        <translation>Aucun autre casier de cette taille n’est libre</translation>
    </message>
    <message>
        <source>Please try again later.</source>
        <translation>Réessayez plus tard.</translation>
    </message>
    <message>
        <source>The locker is full for a parcel of this size</source>
        <translation>Aucun casier libre de cette taille</translation>
    </message>
    <message>
        <source>Please try again later or at another locker. Your code was not used up.</source>
        <translation>Réessayez plus tard ou dans une autre consigne. Votre code reste valable.</translation>
    </message>
    <message>
        <source>Put your parcel in and close the door. Please also close door %1.</source>
        <translation>Déposez votre colis et refermez la porte. Refermez aussi le casier %1.</translation>
    </message>
    <message>
        <source>Your parcel is in the locker</source>
        <translation>Votre colis est bien déposé</translation>
    </message>
    <message>
        <source>Door %1 is closed. Forgot something? Tap “Open again”. Your receipt follows.</source>
        <translation>Le casier %1 est fermé. Un oubli&#x202f;? Touchez «&#x202f;Rouvrir&#x202f;». Votre reçu va s’afficher.</translation>
    </message>
    <message>
        <source>Show my receipt</source>
        <translation>Voir mon reçu</translation>
    </message>
    <message>
        <source>Use another compartment</source>
        <translation>Autre casier</translation>
    </message>
    <message>
        <source>Please close doors %1 and %2. Your code was not used up.</source>
        <translation>Refermez les casiers %1 et %2. Votre code reste valable.</translation>
    </message>
    <message>
        <source>Please close door %1. Your code was not used up.</source>
        <translation>Refermez le casier %1. Votre code reste valable.</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Simulated lockers</source>
        <translation>Casiers simulés</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>absent</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fermé</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <source>item</source>
        <translation>colis</translation>
    </message>
    <message>
        <source>jammed</source>
        <translation>bloqué</translation>
    </message>
    <message>
        <source>Close door</source>
        <translation>Fermer la porte</translation>
    </message>
    <message>
        <source>Item out</source>
        <translation>Retirer colis</translation>
    </message>
    <message>
        <source>Item in</source>
        <translation>Ajouter colis</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Débloquer</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Bloquer</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The kiosk could not start. For the technician: %1</source>
        <translation>La borne n’a pas pu démarrer. Pour le technicien&#xa0;: %1</translation>
    </message>
    <message>
        <source>see the log</source>
        <translation>voir le journal</translation>
    </message>
</context>
</TS>
