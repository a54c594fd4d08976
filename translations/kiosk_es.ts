<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AccessibleHeader</name>
    <message>
        <source>Accessible mode: everything to tap is in the lower part.</source>
        <translation>Modo accesible: todo lo que hay que pulsar está en la parte de abajo.</translation>
    </message>
</context>
<context>
    <name>AdminFlow</name>
    <message>
        <source>Hold a QR code or barcode up to the camera.</source>
        <translation>Muestra un código QR o de barras a la cámara.</translation>
    </message>
    <message>
        <source>Camera test</source>
        <translation>Prueba de cámara</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Leído: %1</translation>
    </message>
    <message>
        <source>Read, but refused: %1</source>
        <translation>Leído, pero rechazado: %1</translation>
    </message>
    <message>
        <source>No camera: %1</source>
        <translation>Sin cámara: %1</translation>
    </message>
    <message>
        <source>Maintenance PIN</source>
        <translation>PIN de mantenimiento</translation>
    </message>
    <message>
        <source>Staff only.</source>
        <translation>Solo personal autorizado.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Too many wrong PINs.</source>
        <translation>Demasiados PIN incorrectos.</translation>
    </message>
    <message>
        <source>The admin panel is not set up on this locker.</source>
        <translation>El menú técnico no está configurado en este terminal.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN incorrecto.</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Puertas</translation>
    </message>
    <message>
        <source>Open all doors</source>
        <translation>Abrir todas las puertas</translation>
    </message>
    <message>
        <source>Locker back in service</source>
        <translation>Reactivar el terminal</translation>
    </message>
    <message>
        <source>Locker out of service</source>
        <translation>Desactivar el terminal</translation>
    </message>
    <message>
        <source>Tap a door to open it or take it out of service.</source>
        <translation>Pulsa una puerta para abrirla o ponerla fuera de servicio.</translation>
    </message>
    <message>
        <source>■ closed  ▲ open  ? unknown</source>
        <translation>■ cerrada  ▲ abierta  ? sin datos</translation>
    </message>
    <message>
        <source>● occupied  ○ empty  ✕ out of service</source>
        <translation>● ocupada  ○ vacía  ✕ fuera de servicio</translation>
    </message>
    <message>
        <source>Open all doors?</source>
        <translation>¿Abrir todas las puertas?</translation>
    </message>
    <message>
        <source>Every door opens, one after the other. Parcels inside become reachable. Stay at the locker until all doors are closed again.</source>
        <translation>Todas las puertas se abrirán una tras otra y los paquetes que haya dentro quedarán accesibles. Quédate junto al terminal hasta que vuelvan a estar todas cerradas.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnóstico</translation>
    </message>
    <message>
        <source>Scanner test: %1</source>
        <translation>Prueba del escáner: %1</translation>
    </message>
    <message>
        <source>scan any code</source>
        <translation>escanea cualquier código</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Restart kiosk</source>
        <translation>Reiniciar el kiosco</translation>
    </message>
    <message>
        <source>Stop kiosk
(console until started again)</source>
        <translation>Detener el kiosco
(consola hasta reiniciar)</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>all</source>
        <translation>todos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>Tamaño: %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>sin datos</translation>
    </message>
    <message>
        <source>occupied</source>
        <translation>ocupado</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vacío</translation>
    </message>
    <message>
        <source>Door: %1</source>
        <translation>Puerta: %1</translation>
    </message>
    <message>
        <source>Item sensor: %1</source>
        <translation>Sensor de ocupación: %1</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>En servicio</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <source>Last events:</source>
        <translation>Últimos eventos:</translation>
    </message>
    <message>
        <source>none recorded since the kiosk started</source>
        <translation>ninguno desde que arrancó el kiosco</translation>
    </message>
    <message>
        <source>Compartment %1</source>
        <translation>Taquilla %1</translation>
    </message>
    <message>
        <source>Open door</source>
        <translation>Abrir puerta</translation>
    </message>
    <message>
        <source>Take out of service</source>
        <translation>Poner fuera de servicio</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>Poner en servicio</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Serial boards</source>
        <translation>Placas serie</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulador</translation>
    </message>
    <message>
        <source>On-site settings</source>
        <translation>Ajustes locales</translation>
    </message>
    <message>
        <source>Default language, idle timeout and board kind for this locker.</source>
        <translation>Idioma predeterminado, tiempo de inactividad y tipo de placa de este terminal.</translation>
    </message>
    <message>
        <source>They override the backend and the config file; a board change takes effect after a restart.</source>
        <translation>Tienen prioridad sobre el backend y el archivo de configuración; un cambio de placa se aplica tras reiniciar.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Close the door when you are done.</source>
        <translation>Cierra la puerta cuando termines.</translation>
    </message>
    <message>
        <source>Door closed</source>
        <translation>Puerta cerrada</translation>
    </message>
    <message>
        <source>Door %1 is closed.</source>
        <translation>La puerta %1 está cerrada.</translation>
    </message>
    <message>
        <source>Next door</source>
        <translation>Siguiente puerta</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Saltar</translation>
    </message>
    <message>
        <source>Back to the panel</source>
        <translation>Volver al menú</translation>
    </message>
    <message>
        <source>This door is not in the layout.</source>
        <translation>Esta puerta no figura en la distribución del terminal.</translation>
    </message>
    <message>
        <source>Door %1 is out of service.</source>
        <translation>La puerta %1 está fuera de servicio.</translation>
    </message>
    <message>
        <source>Door %1 is in service.</source>
        <translation>La puerta %1 está en servicio.</translation>
    </message>
    <message>
        <source>The locker is out of service once you close the panel.</source>
        <translation>El terminal quedará fuera de servicio al cerrar el menú.</translation>
    </message>
    <message>
        <source>The locker is back in service.</source>
        <translation>El terminal vuelve a estar en servicio.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
    <message>
        <source>%1 of %2 doors opened.</source>
        <translation>%1 de %2 puertas abiertas.</translation>
    </message>
    <message>
        <source>Did not open: %1</source>
        <translation>No se han abierto: %1</translation>
    </message>
    <message>
        <source>Opening door %1 of %2…</source>
        <translation>Abriendo la puerta %1 de %2…</translation>
    </message>
    <message>
        <source>Opening all doors</source>
        <translation>Abriendo todas las puertas</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Door %1: %2</source>
        <translation>Puerta %1: %2</translation>
    </message>
</context>
<context>
    <name>AppOpenFlow</name>
    <message>
        <source>Door %1 is open for your app</source>
        <translation>Taquilla %1 abierta desde tu app</translation>
    </message>
    <message>
        <source>%1, please take your parcel and close the door firmly.</source>
        <translation>%1, recoge tu paquete y cierra bien la puerta.</translation>
    </message>
    <message>
        <source>%1, please put your parcel in and close the door firmly.</source>
        <translation>%1, coloca tu paquete y cierra bien la puerta.</translation>
    </message>
    <message>
        <source>Please put your parcel in and close the door firmly.</source>
        <translation>Coloca tu paquete y cierra bien la puerta.</translation>
    </message>
    <message>
        <source>Please take your parcel and close the door firmly.</source>
        <translation>Recoge tu paquete y cierra bien la puerta.</translation>
    </message>
    <message>
        <source>Door %1 was opened by customer service</source>
        <translation>Atención al cliente ha abierto la taquilla %1</translation>
    </message>
    <message>
        <source>Close the door firmly when you are done.</source>
        <translation>Cierra bien la puerta cuando termines.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>CameraScreen</name>
    <message>
        <source>Type the code instead</source>
        <translation>Teclear el código</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Iniciando la cámara…</translation>
    </message>
</context>
<context>
    <name>CodeEntry</name>
    <message>
        <source>Scanning with the camera is not available here. Please type your code.</source>
        <translation>Aquí no se puede escanear con la cámara. Teclea tu código.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Please wait %n second(s).</source>
        <translation>
            <numerusform>Demasiados intentos. Espera %n segundo.</numerusform>
            <numerusform>Demasiados intentos. Espera %n segundos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n digit(s).</source>
        <translation>
            <numerusform>El código tiene %n dígito.</numerusform>
            <numerusform>El código tiene %n dígitos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code has %n letter(s) or digit(s).</source>
        <translation>
            <numerusform>El código tiene %n letra o dígito.</numerusform>
            <numerusform>El código tiene %n letras o dígitos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hold the code up to the camera</source>
        <translation>Muestra el código a la cámara</translation>
    </message>
    <message>
        <source>The QR code or barcode from your message, about 20 cm away.</source>
        <translation>El código QR o de barras de tu mensaje, a unos 20 cm.</translation>
    </message>
</context>
<context>
    <name>CodeEntryScreen</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Scan instead</source>
        <translation>Escanear el código</translation>
    </message>
    <message>
        <source>Open my door</source>
        <translation>Abrir mi taquilla</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait %1.</source>
        <translation>Demasiados intentos. Espera %1.</translation>
    </message>
</context>
<context>
    <name>CodeProblems</name>
    <message>
        <source>Try again</source>
        <translation>Intentar de nuevo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Wrong code</source>
        <translation>Código incorrecto</translation>
    </message>
    <message>
        <source>Please check the code in your message.</source>
        <translation>Comprueba el código de tu mensaje.</translation>
    </message>
    <message>
        <source>Wrong courier ID or PIN</source>
        <translation>ID de repartidor o PIN incorrectos</translation>
    </message>
    <message>
        <source>Please check and try again.</source>
        <translation>Comprueba los datos e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>This courier account is locked</source>
        <translation>Esta cuenta de repartidor está bloqueada</translation>
    </message>
    <message>
        <source>Please contact your dispatcher.</source>
        <translation>Contacta con tu centro de reparto.</translation>
    </message>
    <message>
        <source>This code has expired</source>
        <translation>Este código ha caducado</translation>
    </message>
    <message>
        <source>Your parcel was returned. Please contact the sender.</source>
        <translation>Tu paquete se ha devuelto. Contacta con el remitente.</translation>
    </message>
    <message>
        <source>This parcel was already collected</source>
        <translation>Este paquete ya se ha recogido</translation>
    </message>
    <message>
        <source>If this was not you, please contact customer service.</source>
        <translation>Si no has sido tú, contacta con atención al cliente.</translation>
    </message>
    <message>
        <source>This code was already used</source>
        <translation>Este código ya se ha usado</translation>
    </message>
    <message>
        <source>Each drop-off code works once.</source>
        <translation>Cada código de depósito sirve una sola vez.</translation>
    </message>
    <message>
        <source>You can try again now</source>
        <translation>Ya puedes intentarlo de nuevo</translation>
    </message>
    <message>
        <source>The wait is over.</source>
        <translation>El tiempo de espera ha terminado.</translation>
    </message>
    <message>
        <source>Too many attempts</source>
        <translation>Demasiados intentos</translation>
    </message>
    <message>
        <source>This locker is offline</source>
        <translation>Este terminal está sin conexión</translation>
    </message>
    <message>
        <source>It cannot check this code until it is back online. Please try again later. Nothing was used up.</source>
        <translation>No puede comprobar este código hasta que vuelva a estar en línea. Inténtalo de nuevo más tarde. No se ha usado nada.</translation>
    </message>
    <message>
        <source>Please wait %1 and try again.</source>
        <translation>Espera %1 y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>We could not check your code right now</source>
        <translation>Ahora mismo no podemos comprobar tu código</translation>
    </message>
    <message>
        <source>Please try again in a moment. Your code was not used up.</source>
        <translation>Inténtalo de nuevo en un momento. Tu código sigue siendo válido.</translation>
    </message>
</context>
<context>
    <name>CourierFlow</name>
    <message>
        <source>That was not a courier badge.</source>
        <translation>Eso no es una tarjeta de repartidor.</translation>
    </message>
    <message>
        <source>Scanning with the camera is not available here. Please type your ID.</source>
        <translation>Aquí no se puede escanear con la cámara. Teclea tu ID.</translation>
    </message>
    <message>
        <source>Courier login</source>
        <translation>Acceso de repartidores</translation>
    </message>
    <message>
        <source>Type your courier ID, or scan your badge.</source>
        <translation>Teclea tu ID de repartidor o escanea tu tarjeta.</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Enter your PIN</source>
        <translation>Introduce tu PIN</translation>
    </message>
    <message>
        <source>Courier ID: %1</source>
        <translation>ID de repartidor: %1</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Hold your badge up to the camera</source>
        <translation>Muestra tu tarjeta a la cámara</translation>
    </message>
    <message>
        <source>The barcode on your courier badge, about 20 cm away.</source>
        <translation>El código de barras de tu tarjeta, a unos 20 cm.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Your session has ended</source>
        <translation>Tu sesión ha terminado</translation>
    </message>
    <message>
        <source>Please log in again to go on.</source>
        <translation>Vuelve a iniciar sesión para continuar.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Loading your tasks…</source>
        <translation>Cargando tus tareas…</translation>
    </message>
    <message>
        <source>The task list could not be loaded. Please try again.</source>
        <translation>No se ha podido cargar la lista de tareas. Inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>Scan the next parcel</source>
        <translation>Escanea el siguiente paquete</translation>
    </message>
    <message>
        <source>The right door opens at once. Scan the next while it is open.</source>
        <translation>La taquilla adecuada se abre al momento. Escanea el siguiente mientras sigue abierta.</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>entregados</translation>
    </message>
    <message>
        <source>Type the barcode</source>
        <translation>Teclear el código</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Type the parcel barcode</source>
        <translation>Teclea el código del paquete</translation>
    </message>
    <message>
        <source>The letters and digits under the barcode.</source>
        <translation>Las letras y números que hay bajo el código de barras.</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Entregar</translation>
    </message>
    <message>
        <source>Parcel %1 is already delivered.</source>
        <translation>El paquete %1 ya está entregado.</translation>
    </message>
    <message>
        <source>Parcel %1 is not on your list for this locker.</source>
        <translation>El paquete %1 no está en tu lista para este terminal.</translation>
    </message>
    <message>
        <source>No free compartment fits parcel %1 (size %2). It stays in the van.</source>
        <translation>No hay ninguna taquilla libre para el paquete %1 (tamaño %2). Se queda en la furgoneta.</translation>
    </message>
    <message>
        <source>Compartment %1 is not empty. It is now out of service.</source>
        <translation>La taquilla %1 no está vacía. Queda fuera de servicio.</translation>
    </message>
    <message>
        <source>Parcel %1 could not be booked in. Please scan it again.</source>
        <translation>No se ha podido registrar el paquete %1. Escanéalo de nuevo.</translation>
    </message>
    <message numerus="yes">
        <source>%n more parcel(s) scanned</source>
        <translation>
            <numerusform>%n paquete más escaneado</numerusform>
            <numerusform>%n paquetes más escaneados</numerusform>
        </translation>
    </message>
    <message>
        <source>Put the parcel in and close the door.</source>
        <translation>Coloca el paquete y cierra la puerta.</translation>
    </message>
    <message>
        <source>Parcel %1 · size %2</source>
        <translation>Paquete %1 · tamaño %2</translation>
    </message>
    <message>
        <source>Doesn&apos;t fit</source>
        <translation>No cabe</translation>
    </message>
    <message>
        <source>Door is broken</source>
        <translation>Puerta averiada</translation>
    </message>
    <message>
        <source>Use another door</source>
        <translation>Usar otra taquilla</translation>
    </message>
    <message>
        <source>Parcel %1 is in compartment %2.</source>
        <translation>El paquete %1 está en la taquilla %2.</translation>
    </message>
    <message>
        <source>Compartment %1 is now out of service. Another one opens.</source>
        <translation>La taquilla %1 queda fuera de servicio. Se abrirá otra.</translation>
    </message>
    <message>
        <source>Door %1 was left open. Please close it.</source>
        <translation>La taquilla %1 se ha quedado abierta. Ciérrala, por favor.</translation>
    </message>
    <message>
        <source>Take the parcel back out and close the door. The next door opens then.</source>
        <translation>Vuelve a sacar el paquete y cierra la puerta. Después se abrirá la siguiente taquilla.</translation>
    </message>
    <message>
        <source>Please close door %1</source>
        <translation>Cierra la taquilla %1</translation>
    </message>
    <message>
        <source>Expired parcel</source>
        <translation>Plazo de recogida vencido</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <source>Sent parcel</source>
        <translation>Paquete para enviar</translation>
    </message>
    <message>
        <source>Collect from compartment %1</source>
        <translation>Recoger de la taquilla %1</translation>
    </message>
    <message>
        <source>to collect</source>
        <translation>por recoger</translation>
    </message>
    <message>
        <source>Open door %1</source>
        <translation>Abrir taquilla %1</translation>
    </message>
    <message>
        <source>Collect all</source>
        <translation>Recoger todo</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Saltar</translation>
    </message>
    <message>
        <source>Take the parcel out and close the door.</source>
        <translation>Saca el paquete y cierra la puerta.</translation>
    </message>
    <message>
        <source>Door %1 was not collected.</source>
        <translation>La taquilla %1 no se ha vaciado.</translation>
    </message>
    <message>
        <source>Next: compartment %1</source>
        <translation>Siguiente: taquilla %1</translation>
    </message>
    <message>
        <source>The next door opens in a moment.</source>
        <translation>La siguiente taquilla se abrirá enseguida.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Broken door</source>
        <translation>Puerta averiada</translation>
    </message>
    <message>
        <source>Dirty / damaged</source>
        <translation>Sucia / dañada</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro problema</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Comunicar incidencia</translation>
    </message>
    <message>
        <source>Compartment %1: what is wrong?</source>
        <translation>Taquilla %1: ¿qué ocurre?</translation>
    </message>
    <message>
        <source>Tap the compartment on the picture.</source>
        <translation>Pulsa la taquilla en el dibujo.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <source>Saving your report…</source>
        <translation>Guardando la incidencia…</translation>
    </message>
    <message>
        <source>Compartment %1 is now out of service. Thank you.</source>
        <translation>La taquilla %1 queda fuera de servicio. Gracias.</translation>
    </message>
</context>
<context>
    <name>CourierHomeScreen</name>
    <message>
        <source>Hello, %1</source>
        <translation>Hola, %1</translation>
    </message>
    <message>
        <source>to deliver here</source>
        <translation>por entregar aquí</translation>
    </message>
    <message>
        <source>to collect</source>
        <translation>por recoger</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Entregar</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>Recoger</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Comunicar incidencia</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Cerrar sesión</translation>
    </message>
</context>
<context>
    <name>DoorCycle</name>
    <message>
        <source>Door %1 is open</source>
        <translation>La taquilla %1 está abierta</translation>
    </message>
    <message>
        <source>Opening door %1…</source>
        <extracomment>The answer &quot;Door did not open?&quot; on the open door&apos;s screen (``DoorJob.offer_not_open``).</extracomment>
        <translation>Abriendo la taquilla %1…</translation>
    </message>
    <message>
        <source>The door marked on the picture opens in a moment.</source>
        <translation>La taquilla marcada en el dibujo se abrirá enseguida.</translation>
    </message>
    <message>
        <source>Door %1 did not open</source>
        <translation>La taquilla %1 no se ha abierto</translation>
    </message>
    <message>
        <source>Please try again. If it still does not open, we will help you.</source>
        <translation>Inténtalo de nuevo. Si sigue sin abrirse, te ayudamos.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Intentar de nuevo</translation>
    </message>
    <message>
        <source>Get help</source>
        <translation>Pedir ayuda</translation>
    </message>
    <message>
        <source>Door %1 should be open</source>
        <translation>La taquilla %1 debería estar abierta</translation>
    </message>
    <message>
        <source>Its lock is released: pull the door gently, it may be stuck. Still shut? Tap “Try again”.</source>
        <translation>La cerradura está liberada: tira suavemente de la puerta, puede que esté atascada. ¿Sigue cerrada? Pulsa «Intentar de nuevo».</translation>
    </message>
    <message>
        <source>We are sorry</source>
        <translation>Lo sentimos</translation>
    </message>
    <message>
        <source>Your parcel stays safe. Please contact customer service.</source>
        <translation>Tu paquete sigue a salvo. Contacta con atención al cliente.</translation>
    </message>
    <message>
        <source>If the door opens after all, close it again when you are done.</source>
        <translation>Si al final la puerta se abre, ciérrala cuando termines.</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Volver al inicio</translation>
    </message>
    <message>
        <source>Door did not open?</source>
        <translation>¿No se ha abierto?</translation>
    </message>
    <message>
        <source>Close the door firmly when you are done.</source>
        <translation>Cierra bien la puerta cuando termines.</translation>
    </message>
    <message>
        <source>Please close door %1</source>
        <translation>Cierra la taquilla %1</translation>
    </message>
    <message>
        <source>The door is still open. Push it shut until it clicks.</source>
        <translation>La puerta sigue abierta. Empújala hasta oír un clic.</translation>
    </message>
    <message>
        <source>Door %1 closed</source>
        <translation>Taquilla %1 cerrada</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>Volver a abrir</translation>
    </message>
    <message>
        <source>Door %1 is closed.</source>
        <translation>La taquilla %1 está cerrada.</translation>
    </message>
    <message>
        <source>Is your parcel still inside?</source>
        <translation>¿Tu paquete sigue dentro?</translation>
    </message>
    <message>
        <source>The sensor in door %1 still sees something inside.</source>
        <translation>El sensor de la taquilla %1 aún detecta algo dentro.</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>¡Gracias!</translation>
    </message>
    <message>
        <source>Door %1 is closed. Closed it by mistake? Tap “Open again”.</source>
        <translation>La taquilla %1 está cerrada. ¿La has cerrado sin querer? Pulsa «Volver a abrir».</translation>
    </message>
</context>
<context>
    <name>DoorScreen</name>
    <message>
        <source>Bottom row</source>
        <extracomment>Fill and outline per cell state on a door grid (courier, admin).</extracomment>
        <translation>Fila de abajo</translation>
    </message>
    <message>
        <source>Top row</source>
        <translation>Fila de arriba</translation>
    </message>
    <message>
        <source>Row %1 from the bottom</source>
        <translation>Fila %1 desde abajo</translation>
    </message>
    <message>
        <source>Row %1 from the top</source>
        <translation>Fila %1 desde arriba</translation>
    </message>
    <message>
        <source>column %1 from the left</source>
        <translation>columna %1 desde la izquierda</translation>
    </message>
    <message>
        <source>column %1 from the right</source>
        <translation>columna %1 desde la derecha</translation>
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
        <translation>Terminal %1</translation>
    </message>
    <message>
        <source>Reference %1</source>
        <translation>Referencia %1</translation>
    </message>
    <message>
        <source>Code on your phone? Hold it under the scanner below the screen.</source>
        <translation>¿Tienes el código en el móvil? Acércalo al lector que hay bajo la pantalla.</translation>
    </message>
    <message>
        <source>Accessible mode</source>
        <translation>Modo accesible</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Welcome! What would you like to do?</source>
        <translation>¡Hola! ¿Qué quieres hacer?</translation>
    </message>
    <message>
        <source>Pick up a parcel</source>
        <translation>Recoger un paquete</translation>
    </message>
    <message>
        <source>Send or return</source>
        <translation>Enviar o devolver</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Repartidor</translation>
    </message>
    <message>
        <source>Locker %1</source>
        <translation>Terminal %1</translation>
    </message>
    <message>
        <source>Open with the app</source>
        <translation>Abrir con la app</translation>
    </message>
    <message>
        <source>Demo codes</source>
        <translation>Códigos de demo</translation>
    </message>
    <message>
        <source>Demo pickup codes</source>
        <translation>Códigos de recogida de demo</translation>
    </message>
    <message>
        <source>send, size %1</source>
        <translation>envío, tamaño %1</translation>
    </message>
    <message>
        <source>return, size %1</source>
        <translation>devolución, tamaño %1</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>Maintenance in progress.</source>
        <translation>Mantenimiento en curso.</translation>
    </message>
    <message>
        <source>The locker is starting up. Please try again in a minute.</source>
        <translation>El terminal se está iniciando. Inténtalo de nuevo en un minuto.</translation>
    </message>
    <message>
        <source>The doors cannot be opened right now.</source>
        <translation>Ahora mismo no se pueden abrir las taquillas.</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>Choose your language</source>
        <translation>Elige tu idioma</translation>
    </message>
</context>
<context>
    <name>NoticeFlow</name>
    <message>
        <source>Back to start</source>
        <translation>Volver al inicio</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>Not available at this locker</source>
        <translation>No disponible en este terminal</translation>
    </message>
    <message>
        <source>This service is not offered here yet. Please use the operator&apos;s app.</source>
        <translation>Este servicio aún no está disponible aquí. Usa la app del operador.</translation>
    </message>
    <message>
        <source>This code is not for this locker</source>
        <translation>Este código no es de este terminal</translation>
    </message>
    <message>
        <source>Please scan the code from your pickup or drop-off message, or tap a button to start.</source>
        <translation>Escanea el código de tu mensaje de recogida o depósito, o pulsa un botón para empezar.</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This locker is temporarily out of service</source>
        <translation>Este terminal está temporalmente fuera de servicio</translation>
    </message>
    <message>
        <source>We are sorry. Please try again later or use another locker nearby.</source>
        <translation>Lo sentimos. Inténtalo más tarde o usa otro terminal cercano.</translation>
    </message>
</context>
<context>
    <name>PhoneEntryScreen</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Your number shows the parcel is yours. Tap the country code to change it.</source>
        <translation>Tu número demuestra que el paquete es tuyo. Pulsa el prefijo para cambiarlo.</translation>
    </message>
</context>
<context>
    <name>PickupFlow</name>
    <message>
        <source>Wrong code</source>
        <translation>Código incorrecto</translation>
    </message>
    <message>
        <source>Please check the code in your message. 2 attempts left.</source>
        <translation>Comprueba el código de tu mensaje. Te quedan 2 intentos.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Intentar de nuevo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Enter your pickup code</source>
        <translation>Introduce tu código de recogida</translation>
    </message>
    <message>
        <source>You find it in the text message or e-mail about your parcel.</source>
        <translation>Lo encontrarás en el SMS o el email que has recibido.</translation>
    </message>
    <message>
        <source>Enter your phone number</source>
        <translation>Introduce tu número de teléfono</translation>
    </message>
    <message>
        <source>Hold the code up to the camera</source>
        <translation>Muestra el código a la cámara</translation>
    </message>
    <message>
        <source>The QR code or barcode from your message, about 20 cm away.</source>
        <translation>El código QR o de barras de tu mensaje, a unos 20 cm.</translation>
    </message>
    <message>
        <source>Checking your code…</source>
        <translation>Comprobando tu código…</translation>
    </message>
    <message>
        <source>Take your parcel and close the door firmly.</source>
        <translation>Recoge tu paquete y cierra bien la puerta.</translation>
    </message>
    <message>
        <source>That was not a pickup code.</source>
        <translation>Eso no es un código de recogida.</translation>
    </message>
    <message>
        <source>Parcel %1 of %2</source>
        <translation>Paquete %1 de %2</translation>
    </message>
    <message>
        <source>Open the next door</source>
        <translation>Abrir la siguiente taquilla</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>Welcome. To pick up a parcel, tap the yellow button. To send or return one, tap the dark button next to it.</source>
        <extracomment>The spoken prompt of each screen (translated like every text; the context ``Prompt`` is what ``packaging/make-prompts`` reads from each catalogue).</extracomment>
        <translation>Hola. Para recoger un paquete, pulsa el botón amarillo. Para enviar o devolver uno, pulsa el botón oscuro de al lado.</translation>
    </message>
    <message>
        <source>Type the code from your message on the keypad, then tap Open my door.</source>
        <translation>Teclea el código de tu mensaje y pulsa «Abrir mi taquilla».</translation>
    </message>
    <message>
        <source>Type your phone number, then tap Continue.</source>
        <translation>Teclea tu número de teléfono y pulsa «Continuar».</translation>
    </message>
    <message>
        <source>Hold the code from your message up to the camera.</source>
        <translation>Acerca a la cámara el código de tu mensaje.</translation>
    </message>
    <message>
        <source>Your door is open. The screen shows where it is. Close it when you are done.</source>
        <translation>Tu taquilla está abierta. La pantalla te muestra dónde está. Ciérrala cuando termines.</translation>
    </message>
    <message>
        <source>Thank you. Please take a photo of your receipt.</source>
        <translation>Gracias. Haz una foto de tu justificante.</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Receipt</source>
        <translation>Justificante</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Locker</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Compartment</source>
        <translation>Taquilla</translation>
    </message>
</context>
<context>
    <name>RemoteControl</name>
    <message>
        <source>This locker is out of service. We are sorry for the inconvenience.</source>
        <translation>Este terminal está fuera de servicio. Sentimos las molestias.</translation>
    </message>
</context>
<context>
    <name>SendFlow</name>
    <message>
        <source>Thank you! Your parcel is in the locker</source>
        <translation>¡Gracias! Tu paquete ya está depositado</translation>
    </message>
    <message>
        <source>Take a photo of this receipt.</source>
        <translation>Haz una foto de este justificante.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Enter your drop-off code</source>
        <extracomment>The customer asked for accessible mode: a low (accessible) compartment first.</extracomment>
        <translation>Introduce tu código de depósito</translation>
    </message>
    <message>
        <source>You got it from the carrier or the shop, to send or return.</source>
        <translation>Te lo da el transportista o la tienda para enviar o devolver un paquete.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Put your parcel in and close the door.</source>
        <translation>Coloca tu paquete y cierra la puerta.</translation>
    </message>
    <message>
        <source>Larger compartment</source>
        <translation>Taquilla más grande</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Nothing was sent</source>
        <translation>No se ha enviado nada</translation>
    </message>
    <message>
        <source>Please close the door. Your code was not used up.</source>
        <translation>Cierra la puerta. Tu código sigue siendo válido.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>There is no larger compartment free</source>
        <translation>No hay ninguna taquilla más grande libre</translation>
    </message>
    <message>
        <source>Please take your parcel with you. Your code was not used up.</source>
        <translation>Llévate tu paquete. Tu código sigue siendo válido.</translation>
    </message>
    <message>
        <source>That was not a drop-off code.</source>
        <translation>Eso no es un código de depósito.</translation>
    </message>
    <message>
        <source>Checking your code…</source>
        <translation>Comprobando tu código…</translation>
    </message>
    <message>
        <source>Please ask the carrier or the shop for a new code.</source>
        <translation>Pide un código nuevo al transportista o a la tienda.</translation>
    </message>
    <message>
        <source>Finding a compartment for your parcel…</source>
        <translation>Buscando una taquilla para tu paquete…</translation>
    </message>
    <message>
        <source>No other compartment of this size is free</source>
        <translation>No hay otra taquilla libre de este tamaño</translation>
    </message>
    <message>
        <source>Please try again later.</source>
        <translation>Inténtalo más tarde.</translation>
    </message>
    <message>
        <source>The locker is full for a parcel of this size</source>
        <translation>No hay taquillas libres para un paquete de este tamaño</translation>
    </message>
    <message>
        <source>Please try again later or at another locker. Your code was not used up.</source>
        <translation>Inténtalo más tarde o en otro terminal. Tu código sigue siendo válido.</translation>
    </message>
    <message>
        <source>Put your parcel in and close the door. Please also close door %1.</source>
        <translation>Coloca tu paquete y cierra la puerta. Cierra también la taquilla %1.</translation>
    </message>
    <message>
        <source>Your parcel is in the locker</source>
        <translation>Tu paquete ya está depositado</translation>
    </message>
    <message>
        <source>Door %1 is closed. Forgot something? Tap “Open again”. Your receipt follows.</source>
        <translation>La taquilla %1 está cerrada. ¿Se te ha olvidado algo? Pulsa «Volver a abrir». Después verás tu justificante.</translation>
    </message>
    <message>
        <source>Show my receipt</source>
        <translation>Ver mi justificante</translation>
    </message>
    <message>
        <source>Use another compartment</source>
        <translation>Usar otra taquilla</translation>
    </message>
    <message>
        <source>Please close doors %1 and %2. Your code was not used up.</source>
        <translation>Cierra las taquillas %1 y %2. Tu código sigue siendo válido.</translation>
    </message>
    <message>
        <source>Please close door %1. Your code was not used up.</source>
        <translation>Cierra la taquilla %1. Tu código sigue siendo válido.</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Simulated lockers</source>
        <translation>Taquillas simuladas</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>falta</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <source>item</source>
        <translation>ocupada</translation>
    </message>
    <message>
        <source>jammed</source>
        <translation>atascada</translation>
    </message>
    <message>
        <source>Close door</source>
        <translation>Cerrar puerta</translation>
    </message>
    <message>
        <source>Item out</source>
        <translation>Sacar paquete</translation>
    </message>
    <message>
        <source>Item in</source>
        <translation>Meter paquete</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Desatascar</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Atascar</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The kiosk could not start. For the technician: %1</source>
        <translation>El terminal no ha podido arrancar. Para el técnico: %1</translation>
    </message>
    <message>
        <source>see the log</source>
        <translation>consulta el registro</translation>
    </message>
</context>
</TS>
