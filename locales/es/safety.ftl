## Respuestas de crisis y de abuso

crisis-resources =
    Me alegra mucho que me lo hayas contado. Mereces apoyo ahora mismo, de una persona.
    { $emergency_line }
    { $crisis_line }
    Otros países: { $directory }
    Sigo aquí si quieres seguir hablando.
abuse-resources =
    Lo que cuentas suena aterrador, y no es culpa tuya. Si estás en peligro ahora, por favor pide ayuda.
    { $emergency_line }
    { $abuse_line }
    Otros países: { $directory }
    Puedes borrar esta conversación aquí cuando quieras con /forget.
resource-emergency = Emergencias: llama al { $number }.
resource-line = { $name }: { $how }.
resource-none = Si no sabes a qué línea llamar, el directorio de abajo tiene líneas gratuitas y confidenciales cerca de ti.
resource-emergency-unknown = En una emergencia, llama al número de emergencias local (112 en casi toda Europa, 911 en casi toda América).
resource-call = llama al { $value }
resource-text = escribe al { $value }
resource-chat = chat en { $value }
