/** A labelled phone input (E.164), alike on every form that names a party. */
export function PhoneField(props: {
  id: string;
  label: string;
  name: string;
  placeholder: string;
  required?: boolean;
  value: string;
  onInput(value: string): void;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type="tel"
        placeholder={props.placeholder}
        required={props.required}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </>
  );
}
